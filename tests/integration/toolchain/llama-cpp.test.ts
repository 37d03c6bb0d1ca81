// Real llama.cpp tools on the SmolLM2 fixture: HF -> GGUF f16 -> k-quants / Q8_0, imatrix, perplexity.
import { statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { once } from "../../helpers/once";
import { loadToolchain, type Toolchain } from "../../helpers/toolchain";
import { expectOk, makeWorkDir, parsePerplexity, pythonEnv, readGgufMeta, removeWorkDir, run, type GgufMeta } from "./proc";

const MIN = 60_000;

describe("llama.cpp toolchain", () => {
  let tc: Toolchain;
  let work: string;
  let f16: string;
  let f16Meta: GgufMeta;
  const bin = (name: string) => path.join(tc.llamaCppBinDir, name);

  beforeAll(() => {
    tc = loadToolchain(); // throws (fails the suite) when the toolchain is missing
    work = makeWorkDir("llama-cpp");
  });
  afterAll(() => removeWorkDir(work));

  /** The f16 every later step starts from: made by whichever test needs it first. */
  const convertF16 = once(async () => {
    const out = path.join(work, "smollm2-f16.gguf");
    const r = expectOk(
      await run(tc.python, [tc.llamaCppConvert, tc.fixtureHfDir, "--outtype", "f16", "--outfile", out], {
        env: pythonEnv(work),
        timeoutMs: 10 * MIN,
        label: "convert_hf_to_gguf.py --outtype f16",
      }),
      "convert_hf_to_gguf.py",
    );
    expect(r.stderr + r.stdout).toMatch(/Model successfully exported to/);
    f16 = out;
    f16Meta = await readGgufMeta(tc.python, f16);
  });

  it(
    "converts the HF safetensors fixture to a GGUF f16 whose header matches the source",
    async () => {
      await convertF16();
      const src = await readGgufMeta(tc.python, tc.fixtureGguf);
      expect(f16Meta.architecture).toBe("llama");
      expect(f16Meta.file_type).toBe(1); // LLAMA_FTYPE_MOSTLY_F16
      expect(f16Meta.tensor_count).toBe(src.tensor_count);
      expect(f16Meta.block_count).toBe(src.block_count);
      expect(f16Meta.embedding_length).toBe(src.embedding_length);
      expect(f16Meta.vocab_size).toBe(src.vocab_size);
      expect(f16Meta.tokenizer_pre).toBe(src.tokenizer_pre); // pre-tokenizer recognised as SmolLM's
      expect(f16Meta.bos_token_id).toBe(src.bos_token_id);
      expect(f16Meta.eos_token_id).toBe(src.eos_token_id);
      expect(f16Meta.chat_template).toBeTruthy();
      expect(f16Meta.chat_template).toBe(src.chat_template);
      expect(f16Meta.chat_template).toContain("<|im_start|>");
      expect(f16Meta.tensor_types.F16).toBeGreaterThan(0);
      expect(statSync(f16).size).toBeGreaterThan(statSync(tc.fixtureGguf).size);
    },
    15 * MIN,
  );

  for (const [type, ftype, tensorType] of [
    ["Q4_K_M", 15, "Q4_K"],
    ["Q8_0", 7, "Q8_0"],
  ] as const) {
    it(
      `llama-quantize ${type} gives a smaller GGUF that llama-perplexity loads`,
      async () => {
        await convertF16();
        const out = path.join(work, `smollm2-${type}.gguf`);
        const q = expectOk(await run(bin("llama-quantize"), [f16, out, type, "2"], { timeoutMs: 10 * MIN, label: `llama-quantize ${type}` }), "llama-quantize");
        expect(q.stderr + q.stdout).toMatch(/quant size\s*=/);
        expect(statSync(out).size).toBeLessThan(statSync(f16).size);

        const meta = await readGgufMeta(tc.python, out);
        expect(meta.file_type).toBe(ftype);
        expect(meta.tensor_count).toBe(f16Meta.tensor_count);
        expect(meta.tensor_types[tensorType]).toBeGreaterThan(0);
        expect(meta.chat_template).toBe(f16Meta.chat_template);

        const p = expectOk(
          await run(bin("llama-perplexity"), ["-m", out, "-f", tc.fixtureTextFile, "-c", "128", "-b", "128", "--chunks", "4", "-t", "2"], {
            timeoutMs: 10 * MIN,
            label: `llama-perplexity ${type}`,
          }),
          "llama-perplexity",
        );
        const ppl = parsePerplexity(p.stdout + p.stderr);
        console.log(`[result] ${type}: ${(statSync(out).size / 2 ** 20).toFixed(1)} MiB, perplexity ${ppl}`);
        expect(ppl).not.toBeNull();
        expect(ppl!).toBeGreaterThan(1);
        expect(ppl!).toBeLessThan(200); // a working 135M instruct model on plain English prose
      },
      15 * MIN,
    );
  }

  it(
    "llama-imatrix computes an importance matrix that llama-quantize accepts",
    async () => {
      await convertF16();
      const imatrix = path.join(work, "imatrix.gguf");
      expectOk(
        await run(bin("llama-imatrix"), ["-m", f16, "-f", tc.fixtureTextFile, "-o", imatrix, "-c", "128", "--chunks", "4", "-t", "2"], {
          timeoutMs: 10 * MIN,
          label: "llama-imatrix",
        }),
        "llama-imatrix",
      );
      expect(statSync(imatrix).size).toBeGreaterThan(0);
      const out = path.join(work, "smollm2-Q4_K_S-imatrix.gguf");
      const q = expectOk(
        await run(bin("llama-quantize"), ["--imatrix", imatrix, f16, out, "Q4_K_S", "2"], { timeoutMs: 10 * MIN, label: "llama-quantize --imatrix Q4_K_S" }),
        "llama-quantize --imatrix",
      );
      expect(q.stderr + q.stdout).toMatch(/loaded \d+ importance matrix entries/);
      expect(statSync(out).size).toBeLessThan(statSync(f16).size);
    },
    15 * MIN,
  );
});
