import { stat } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { bitsPerWeight, readGgufHeader, type GgufArray, type GgufHeader } from "../../lib/models/gguf";
import { inspectHfModelDir, HfModelInfoSchema, type HfModelInfo } from "../../lib/models/hf";
import { loadToolchain, type Toolchain } from "../helpers/toolchain";

/**
 * Runs the readers on the real SmolLM2-135M-Instruct fixtures from the toolchain setup.
 * A missing toolchain is a failure, not a skip: these are the only checks against files
 * that llama.cpp and transformers wrote themselves.
 */

// SmolLM2-135M: 30 layers, d=576, ffn=1536, 9/3 heads, vocab 49152, tied embeddings.
const SMOLLM2_135M_PARAMS = 134_515_008;

let tc: Toolchain;
beforeAll(() => {
  tc = loadToolchain();
});

describe("readGgufHeader on SmolLM2-135M-Instruct Q4_1", () => {
  let h: GgufHeader;
  beforeAll(async () => {
    h = await readGgufHeader(tc.fixtureGguf);
  });

  it("identifies the model", () => {
    expect([2, 3]).toContain(h.version);
    expect(h.architecture).toBe("llama");
    expect(h.contextLength).toBe(8192);
    expect(h.chatTemplate).toContain("<|im_start|>");
    expect(h.metadata["llama.block_count"]).toBe(30);
    expect(h.metadata["llama.embedding_length"]).toBe(576);
  });

  it("reports Q4_1 as the file type", () => {
    expect(h.fileType).toEqual({ id: 3, name: "Q4_1" });
    expect(h.quantizationVersion).toBe(2);
    // llama-quantize keeps norms in F32 and may pick another type for token_embd.
    expect(h.tensors.byType["Q4_1"]?.count ?? 0).toBeGreaterThan(100);
    expect(h.tensors.byType["F32"]?.count ?? 0).toBeGreaterThan(0);
  });

  it("counts about 134.5M parameters and a plausible bits-per-weight", async () => {
    expect(h.parameterCount).toBeGreaterThan(134_000_000);
    expect(h.parameterCount).toBeLessThan(135_000_000);
    expect(h.fileSize).toBe((await stat(tc.fixtureGguf)).size);
    // The header accounts for the file exactly: nothing missing, nothing trailing.
    expect(h.tensors.dataOffset + (h.tensors.dataSize ?? 0)).toBe(h.fileSize);
    const bpw = bitsPerWeight(h.fileSize, h.parameterCount)!;
    expect(bpw).toBeGreaterThan(4.5);
    expect(bpw).toBeLessThan(7);
  });

  it("summarises the vocabulary without loading it", () => {
    const tokens = h.metadata["tokenizer.ggml.tokens"] as GgufArray;
    expect(tokens.type).toBe("array");
    expect(tokens.length).toBe(49152);
    expect(tokens.items).toHaveLength(16);
    expect(tokens.truncated).toBe(true);
    expect(tokens.items).toContain("<|im_start|>");
    const merges = h.metadata["tokenizer.ggml.merges"] as GgufArray;
    expect(merges.length).toBeGreaterThan(40_000);
  });
});

describe("inspectHfModelDir on SmolLM2-135M-Instruct safetensors", () => {
  let info: HfModelInfo;
  beforeAll(async () => {
    info = await inspectHfModelDir(tc.fixtureHfDir);
  });

  it("reads config, weights and chat template", () => {
    expect(HfModelInfoSchema.safeParse(info).success).toBe(true);
    expect(info.kind).toBe("hf-model");
    expect(info.modelType).toBe("llama");
    expect(info.architecture).toBe("LlamaForCausalLM");
    expect(info.contextLength).toBe(8192);
    expect(info.parameterCount).toBeGreaterThan(130_000_000);
    expect(info.parameterCount).toBeLessThan(140_000_000);
    expect(info.dtype).not.toBeNull();
    expect(info.chatTemplate).toContain("<|im_start|>");
    expect(info.tokenizer.hasVocabulary).toBe(true);
    expect(info.sizeBytes).toBeGreaterThan(info.weights?.totalFileSize ?? 0);
  });

  it("agrees with the GGUF converted from it", async () => {
    const h = await readGgufHeader(tc.fixtureGguf);
    expect(info.contextLength).toBe(h.contextLength);
    expect(info.vocabSize).toBe((h.metadata["tokenizer.ggml.tokens"] as GgufArray).length);
    // Tied embeddings: safetensors stores no lm_head, GGUF no output.weight, so counts match.
    expect(Math.abs(info.parameterCount! - h.parameterCount)).toBeLessThan(SMOLLM2_135M_PARAMS * 0.01);
  });
});
