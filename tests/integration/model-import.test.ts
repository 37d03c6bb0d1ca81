// "Import model" as a real job: a worker reads the real SmolLM2 GGUF and HF directory from the
// toolchain fixtures and registers them; bad paths fail with a reason.
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { createJob } from "../../lib/jobs/create-job";
import { closeProducers } from "../../lib/queue/producer";
import { createTestUser, startWorker, tempRoot, waitForJob, type TestUser } from "../helpers/stack";
import { loadToolchain } from "../helpers/toolchain";

const tc = loadToolchain();
let user: TestUser;
let worker: Awaited<ReturnType<typeof startWorker>>;
let root: string;
let outside: string;

beforeAll(async () => {
  user = await createTestUser();
  root = await tempRoot();
  outside = await tempRoot("modelyard-outside-");
  await writeFile(path.join(outside, "stolen.gguf"), "GGUF");
  await symlink(path.join(outside, "stolen.gguf"), path.join(root, "escape.gguf"));
  await mkdir(path.join(root, "not-a-model"));
  await writeFile(path.join(root, "not-a-model", "README.md"), "hello");
  // The fixture folders are storage roots too, as on a host where models live in several places.
  worker = await startWorker({
    hostName: `import-${process.pid}`,
    storageRoots: [root, path.dirname(tc.fixtureGguf), path.dirname(tc.fixtureHfDir)],
    token: user.workerToken,
  });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await closeProducers();
});

async function importAndWait(p: string, name?: string) {
  const job = await createJob({ kind: "model.import", hostId: worker.hostId, payload: { path: p, name } }, user.id);
  return waitForJob(job.id, ["SUCCEEDED", "FAILED"], 60_000);
}

describe("model.import", () => {
  it("registers the real SmolLM2 GGUF with metadata read from its header", async () => {
    const job = await importAndWait(tc.fixtureGguf);
    expect(job.status, JSON.stringify(job.failure)).toBe("SUCCEEDED");
    const a = await db.artifact.findFirstOrThrow({ where: { sourceJobId: job.id } });
    expect(a.kind).toBe("GGUF");
    expect(a.architecture).toBe("llama");
    expect(a.precision).toBe("Q4_1");
    expect(Number(a.parameterCount)).toBeGreaterThan(130e6);
    expect(Number(a.parameterCount)).toBeLessThan(140e6);
    expect(a.contextLength).toBe(8192);
    expect(a.chatTemplate).toContain("<|im_start|>");
    expect(Number(a.sizeBytes)).toBeGreaterThan(50e6);

    const again = await importAndWait(tc.fixtureGguf);
    expect(again.failure).toMatchObject({ code: "already_registered" });
  });

  it("registers the real HF directory with config, safetensors parameters and chat template", async () => {
    const job = await importAndWait(tc.fixtureHfDir, "SmolLM2 HF");
    expect(job.status, JSON.stringify(job.failure)).toBe("SUCCEEDED");
    const a = await db.artifact.findFirstOrThrow({ where: { sourceJobId: job.id } });
    expect(a.kind).toBe("HF_MODEL");
    expect(a.name).toBe("SmolLM2 HF");
    expect(a.architecture).toBe("LlamaForCausalLM");
    expect(Number(a.parameterCount)).toBeGreaterThan(130e6);
    expect(a.chatTemplate).toContain("<|im_start|>");
    expect(a.metadata).toMatchObject({ format: "hf" });
  });

  it("refuses paths outside the storage roots, .. escapes and symlink escapes", async () => {
    expect((await importAndWait(path.join(outside, "stolen.gguf"))).failure).toMatchObject({ code: "path_outside_roots" });
    expect((await importAndWait(`${root}/../${path.basename(outside)}/stolen.gguf`)).failure).toMatchObject({ code: "path_outside_roots" });
    const viaLink = await importAndWait(path.join(root, "escape.gguf"));
    expect(viaLink.failure).toMatchObject({ code: "path_outside_roots" });
    // The failure says the link leaves the roots, never where it leads.
    expect((viaLink.failure as { message: string }).message).toContain("points outside the storage roots");
    expect(JSON.stringify(viaLink.failure)).not.toContain(outside);
  });

  it("never reads files inside an imported folder whose links leave the roots, and flags Python the folder carries", async () => {
    await writeFile(path.join(outside, "secret.jinja"), "OUTSIDE-TEMPLATE-SECRET");
    await writeFile(path.join(outside, "gen.json"), JSON.stringify({ OUTSIDE_GEN_SECRET: true }));
    const dir = path.join(root, "linked-model");
    await mkdir(dir);
    for (const f of await readdir(tc.fixtureHfDir)) {
      // Weights stay links into the fixture folder, which is itself a storage root.
      if (f.endsWith(".safetensors")) await symlink(path.join(tc.fixtureHfDir, f), path.join(dir, f));
      else if (!["chat_template.jinja", "generation_config.json"].includes(f)) await copyFile(path.join(tc.fixtureHfDir, f), path.join(dir, f));
    }
    await symlink(path.join(outside, "secret.jinja"), path.join(dir, "chat_template.jinja"));
    await symlink(path.join(outside, "gen.json"), path.join(dir, "generation_config.json"));
    await writeFile(path.join(dir, "modeling_custom.py"), "raise SystemExit('would run on the host')\n");

    const job = await importAndWait(dir, "linked");
    expect(job.status, JSON.stringify(job.failure)).toBe("SUCCEEDED");
    const a = await db.artifact.findFirstOrThrow({ where: { sourceJobId: job.id } });
    const stored = JSON.stringify({ chatTemplate: a.chatTemplate, metadata: a.metadata, log: job.logTail });
    expect(stored).not.toContain("OUTSIDE-TEMPLATE-SECRET");
    expect(stored).not.toContain("OUTSIDE_GEN_SECRET");
    expect(stored).not.toContain(outside);
    expect(Number(a.parameterCount)).toBeGreaterThan(130e6);
    const meta = a.metadata as { warnings: string[]; customCode: unknown; generationConfig: unknown };
    expect(meta.generationConfig).toBeNull();
    expect(meta.warnings.join("\n")).toMatch(/chat_template\.jinja points outside the storage roots/);
    expect(meta.warnings.join("\n")).toMatch(/generation_config\.json points outside the storage roots/);
    expect(meta.customCode).toEqual({ autoMap: [], pythonFiles: ["modeling_custom.py"] });
  });

  it("explains a missing path, a folder that is not a model and a file that is not GGUF", async () => {
    expect((await importAndWait(path.join(root, "missing"))).failure).toMatchObject({ code: "path_not_found" });
    expect((await importAndWait(path.join(root, "not-a-model"))).failure).toMatchObject({ code: "not_hf_model" });
    await writeFile(path.join(root, "fake.gguf"), "definitely not gguf");
    const fake = await importAndWait(path.join(root, "fake.gguf"));
    expect(fake.failure).toMatchObject({ code: "invalid_gguf" });
    expect(fake.logTail).toBeTruthy();
  });

  it("keeps names and paths full of shell metacharacters inert", async () => {
    const evil = `$(touch ${root}/pwned); rm -rf ~ \`id\``;
    const weirdFile = path.join(root, "model $(touch pwned2) ; `id` | x.gguf");
    await copyFile(tc.fixtureGguf, weirdFile);
    const job = await importAndWait(weirdFile, evil);
    expect(job.status, JSON.stringify(job.failure)).toBe("SUCCEEDED");
    const a = await db.artifact.findFirstOrThrow({ where: { sourceJobId: job.id } });
    expect(a.name).toBe(evil);
    expect(a.path).toBe(weirdFile);
    expect(existsSync(path.join(root, "pwned"))).toBe(false);
    expect(existsSync(path.join(root, "pwned2"))).toBe(false);
  });
});
