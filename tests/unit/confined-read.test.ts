import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, open, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openConfined, READ_CAPS, readConfinedJson, readConfinedText } from "../../lib/hosts/confined-read";
import { resolveExistingInsideRoots } from "../../lib/hosts/storage-paths";
import { describeGguf, describeHfDir } from "../../lib/models/describe-model";
import { inspectHfModelDir, measureDirSize } from "../../lib/models/hf";
import { readSafetensorsHeader } from "../../lib/models/safetensors";

let base: string;
let root: string;
let outside: string;

const TEMPLATE = "{% for m in messages %}{{ m.content }}{% endfor %}";
const SECRETS = ["OUTSIDE-TEMPLATE-SECRET", "OUTSIDE_GEN_SECRET", "OUTSIDE-TOKCFG-SECRET", "outside_secret_tensor", "OUTSIDE-PROCESSOR-SECRET"];

/** One F32 tensor of 4 values, data zero-filled. */
async function writeSafetensors(file: string, tensorName: string) {
  const header = Buffer.from(JSON.stringify({ [tensorName]: { dtype: "F32", shape: [4], data_offsets: [0, 16] } }));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  await writeFile(file, Buffer.concat([len, header, Buffer.alloc(16)]));
}

const json = (file: string, value: unknown) => writeFile(file, JSON.stringify(value));

async function modelDir(name: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  await json(path.join(dir, "config.json"), { architectures: ["LlamaForCausalLM"], model_type: "llama", torch_dtype: "float32" });
  await json(path.join(dir, "tokenizer.json"), { version: "1.0" });
  await json(path.join(dir, "tokenizer_config.json"), { tokenizer_class: "GPT2Tokenizer", chat_template: TEMPLATE });
  await writeSafetensors(path.join(dir, "model.safetensors"), "inside_tensor");
  return dir;
}

async function relink(dir: string, name: string, target: string) {
  await rm(path.join(dir, name), { force: true, recursive: true });
  await symlink(target, path.join(dir, name));
}

const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: Error & { code?: string }) => e);

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), "modelyard-confined-"));
  root = path.join(base, "root");
  outside = path.join(base, "elsewhere-private");
  await mkdir(root, { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(outside, "secret.jinja"), "OUTSIDE-TEMPLATE-SECRET {{ messages }}");
  await json(path.join(outside, "gen.json"), { OUTSIDE_GEN_SECRET: 1, temperature: 0.9 });
  await json(path.join(outside, "tokcfg.json"), { tokenizer_class: "OUTSIDE-TOKCFG-SECRET", chat_template: "OUTSIDE-TOKCFG-SECRET" });
  await json(path.join(outside, "config.json"), { architectures: ["OUTSIDE_CONFIG_SECRET"], model_type: "secret" });
  await json(path.join(outside, "processor.json"), { chat_template: "OUTSIDE-PROCESSOR-SECRET" });
  await writeSafetensors(path.join(outside, "secret.safetensors"), "outside_secret_tensor");
  await writeFile(path.join(outside, "secret.gguf"), Buffer.concat([Buffer.from("GGUF"), Buffer.alloc(60)]));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe("model readers never read a file whose link leaves the storage roots", () => {
  it("skips symlinked chat template, generation config, tokenizer config and weights, without naming their targets", async () => {
    const dir = await modelDir("linked-out");
    await relink(dir, "chat_template.jinja", path.join(outside, "secret.jinja"));
    await relink(dir, "generation_config.json", path.join(outside, "gen.json"));
    await relink(dir, "tokenizer_config.json", path.join(outside, "tokcfg.json"));
    await relink(dir, "model.safetensors", path.join(outside, "secret.safetensors"));
    await relink(dir, "chat_template.json", path.join(outside, "processor.json"));
    await relink(dir, "additional_chat_templates", outside);

    const info = await inspectHfModelDir(dir, { roots: [root] });
    const text = JSON.stringify(info);
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(text).not.toContain(outside);
    expect(text).not.toContain("secret.jinja");
    expect(info.generationConfig).toBeNull();
    expect(info.tokenizer.tokenizerClass).toBeNull();
    expect(info.chatTemplate).toBeNull();
    expect(info.chatTemplateNames).toEqual([]);
    expect(info.weights).toBeNull();
    const warnings = info.warnings.join("\n");
    for (const name of ["chat_template.jinja", "generation_config.json", "tokenizer_config.json", "model.safetensors", "additional_chat_templates"]) {
      expect(warnings).toMatch(new RegExp(`${name.replace(".", "\\.")} points outside the storage roots`));
    }
    // The link's target size is not counted either.
    expect(info.fileCount).toBe(2);
  });

  it("without explicit roots, confines reads to the model folder itself", async () => {
    const dir = await modelDir("default-roots");
    await relink(dir, "chat_template.jinja", path.join(outside, "secret.jinja"));
    const info = await inspectHfModelDir(dir);
    expect(JSON.stringify(info)).not.toContain("OUTSIDE-TEMPLATE-SECRET");
    expect(info.chatTemplate).toBe(TEMPLATE);
  });

  it("fails the import when config.json leaves the roots, and the failure does not say where it points", async () => {
    const dir = await modelDir("config-out");
    await relink(dir, "config.json", path.join(outside, "config.json"));
    const err = await errorOf(describeHfDir(dir, [root]));
    expect(err?.code).toBe("not_hf_model");
    expect(err?.message).toContain("config.json that points outside the storage roots");
    expect(err?.message).not.toContain(outside);
    expect(err?.message).not.toContain("OUTSIDE_CONFIG_SECRET");
  });

  it("refuses a safetensors file and a GGUF file linked out of the roots", async () => {
    await symlink(path.join(outside, "secret.safetensors"), path.join(root, "direct.safetensors"));
    const st = await errorOf(readSafetensorsHeader(path.join(root, "direct.safetensors"), { roots: [root] }));
    expect(st?.code).toBe("path_outside_roots");
    expect(st?.message).not.toContain(outside);
    await symlink(path.join(outside, "secret.gguf"), path.join(root, "linked.gguf"));
    const gg = await errorOf(describeGguf(path.join(root, "linked.gguf"), [root]));
    expect(gg?.code).toBe("path_outside_roots");
    expect(gg?.message).toBe(`${path.join(root, "linked.gguf")} points outside the storage roots`);
  });

  it("does not count the size of a link out of the roots", async () => {
    const dir = path.join(root, "sizes");
    await mkdir(dir);
    await writeFile(path.join(dir, "a.bin"), "12345");
    await symlink(path.join(outside, "secret.safetensors"), path.join(dir, "b.bin"));
    expect(await measureDirSize(dir, { roots: [root] })).toEqual({ sizeBytes: 5, fileCount: 1, complete: true });
  });

  it("the import path check no longer discloses a link's target", async () => {
    await symlink(path.join(outside, "secret.gguf"), path.join(root, "escape.gguf"));
    const err = await errorOf(resolveExistingInsideRoots(path.join(root, "escape.gguf"), [root]));
    expect(err?.code).toBe("path_outside_roots");
    expect(err?.message).toContain("points outside the storage roots");
    expect(err?.message).not.toContain(outside);
    expect((err as { hint?: string }).hint).toContain(root);
  });
});

describe("size caps and file types", () => {
  it("refuses a 2 GB chat template without reading it", async () => {
    const dir = await modelDir("huge-template");
    const fh = await open(path.join(dir, "chat_template.jinja"), "w");
    await fh.truncate(2 * 1024 ** 3); // sparse: no 2 GB written to disk
    await fh.close();
    const started = Date.now();
    const err = await errorOf(readConfinedText(path.join(dir, "chat_template.jinja"), { roots: [root], maxBytes: READ_CAPS.template }));
    expect(err?.code).toBe("file_too_large");
    const info = await inspectHfModelDir(dir, { roots: [root] });
    expect(Date.now() - started).toBeLessThan(2_000);
    // transformers' order: the refused file is skipped, the tokenizer_config template is used.
    expect(info.chatTemplate).toBe(TEMPLATE);
    expect(info.warnings.join("\n")).toMatch(/chat_template\.jinja is 2147483648 bytes, over the 1048576-byte limit/);
  });

  it("refuses a FIFO or a directory named chat_template.jinja without hanging", async () => {
    const dir = await modelDir("fifo-template");
    execFileSync("mkfifo", [path.join(dir, "chat_template.jinja")]);
    const fifo = await errorOf(openConfined(path.join(dir, "chat_template.jinja"), { roots: [root], maxBytes: READ_CAPS.template }));
    expect(fifo?.code).toBe("not_a_regular_file");
    const info = await inspectHfModelDir(dir, { roots: [root] });
    expect(info.chatTemplate).toBe(TEMPLATE);
    expect(info.warnings.join("\n")).toMatch(/chat_template\.jinja is not a regular file/);

    const dir2 = await modelDir("dir-template");
    await mkdir(path.join(dir2, "chat_template.jinja"));
    const d = await errorOf(readConfinedText(path.join(dir2, "chat_template.jinja"), { roots: [root], maxBytes: READ_CAPS.template }));
    expect(d?.code).toBe("not_a_regular_file");
  }, 5_000);

  it("reads a file inside the roots, and a link that stays inside", async () => {
    const dir = await modelDir("plain");
    await symlink(path.join(dir, "config.json"), path.join(root, "config-link.json"));
    expect(await readConfinedJson(path.join(root, "config-link.json"), { roots: [root], maxBytes: READ_CAPS.jsonConfig })).toMatchObject({ model_type: "llama" });
    const missing = await errorOf(readConfinedText(path.join(dir, "nope.json"), { roots: [root], maxBytes: 10 }));
    expect(missing?.code).toBe("path_not_found");
  });
});

describe("the converter's source folder check (worker, before the tool runs)", () => {
  const fakeCtx = (allowCustomCode?: boolean) => {
    const lines: string[] = [];
    return { lines, ctx: { host: { storageRoots: [root] }, payload: { allowCustomCode }, log: (l: string) => lines.push(l) } as never };
  };
  const flagged = { customCode: { autoMap: [], pythonFiles: ["modeling_x.py"] } };

  it("refuses a folder with a link out of the roots, without naming the target", async () => {
    const { checkSourceFolder } = await import("../../workers/handlers/conversion/source-folder");
    const dir = await modelDir("convert-link-out");
    await relink(dir, "tokenizer.json", path.join(outside, "gen.json"));
    const err = await errorOf(checkSourceFolder(fakeCtx().ctx, dir, { id: "a", name: "m", metadata: {} } as never));
    expect(err?.code).toBe("path_outside_roots");
    expect(err?.message).not.toContain(outside);
  });

  it("re-checks custom code: refused without the recorded confirmation, allowed with it", async () => {
    const { checkSourceFolder } = await import("../../workers/handlers/conversion/source-folder");
    const dir = await modelDir("convert-code");
    await writeFile(path.join(dir, "modeling_x.py"), "print('hi')\n");
    const src = { id: "a", name: "m", metadata: flagged } as never;
    const refused = await errorOf(checkSourceFolder(fakeCtx().ctx, dir, src));
    expect(refused?.code).toBe("custom_code_unconfirmed");
    const ok = fakeCtx(true);
    await checkSourceFolder(ok.ctx, dir, src);
    expect(ok.lines.join("\n")).toMatch(/user's recorded confirmation/);
    await checkSourceFolder(fakeCtx().ctx, await modelDir("convert-clean"), { id: "b", name: "c", metadata: {} } as never);
  });
});
