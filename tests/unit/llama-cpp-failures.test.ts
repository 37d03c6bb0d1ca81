import { describe, expect, it } from "vitest";
import { classifyConvertFailure, classifyEvalFailure, classifyQuantizeFailure } from "../../lib/tools/llama-cpp/failures";
import { fixtureLines } from "./llama-cpp-fixtures";

const exit1 = { exitCode: 1, signal: null };

describe("convert_hf_to_gguf.py failures (real stderr)", () => {
  it.each([
    ["convert-missing-dir.stderr.txt", "not_hf_model", /nope is not a Hugging Face model directory/],
    ["convert-gguf-input.stderr.txt", "not_hf_model", /out-f16\.gguf is not a Hugging Face model directory/],
    ["convert-unsupported-arch.stderr.txt", "unsupported_architecture", /FrobnicatorForCausalLM/],
    ["convert-unknown-pretokenizer.stderr.txt", "unknown_tokenizer", /chkhsh be4310b465d3c9ec38a1eb74c45f2d1cfaf1791625b0ec5708b461bd7dbc5a0d/],
    ["convert-disk-full.stderr.txt", "disk_full", /disk space/],
  ])("%s → %s", (file, code, message) => {
    const f = classifyConvertFailure(fixtureLines(file), exit1);
    expect(f?.code).toBe(code);
    expect(f?.message).toMatch(message);
    expect(f?.hint.length).toBeGreaterThan(20);
  });

  it("says nothing specific about a successful run's output, and catches OOM kills", () => {
    expect(classifyConvertFailure(fixtureLines("convert-f16.stderr.txt"), exit1)).toBeNull();
    expect(classifyConvertFailure(["INFO:hf-to-gguf:Exporting model..."], { exitCode: null, signal: "SIGKILL" })?.code).toBe("out_of_memory");
    expect(classifyConvertFailure(["ModuleNotFoundError: No module named 'torch'"], exit1)?.code).toBe("tool_missing");
  });
});

describe("llama-quantize failures (real output)", () => {
  it.each([
    ["quantize-needs-imatrix.txt", "needs_imatrix", /tensor blk\.3\.ffn_down\.weight → iq2_xs/],
    ["quantize-requantize.txt", "requantize_refused", /already quantized \(q8_0 tensors\)/],
    ["quantize-disk-full.txt", "disk_full", /write error/],
    ["quantize-bad-type.txt", "unknown_quant_type", /Q9_Z/],
    ["quantize-invalid-gguf.txt", "invalid_gguf", /not a complete GGUF/],
    ["quantize-q1_0-no-fallback.txt", "unsupported_shape", /Q1_0 cannot hold this model's tensors \(blk\.0\.attn_k\.weight has rows of 576, not a multiple of 128\)/],
  ])("%s → %s", (file, code, message) => {
    const f = classifyQuantizeFailure(fixtureLines(file), exit1);
    expect(f?.code).toBe(code);
    expect(f?.message).toMatch(message);
  });

  it("does not mistake the fallback warnings of a successful run for a failure", () => {
    expect(classifyQuantizeFailure(fixtureLines("quantize-q4_k_m.txt"), exit1)).toBeNull();
  });
});

describe("llama-perplexity / llama-imatrix failures (real output)", () => {
  it("explains a text that is too short for the context", () => {
    const p = classifyEvalFailure(fixtureLines("perplexity-text-too-short.txt"), { exitCode: 0, signal: null }, "llama-perplexity");
    expect(p).toMatchObject({ code: "text_too_short" });
    expect(p!.message).toContain("8192 tokens are needed for a context of 4096, the file has 1034");
    const i = classifyEvalFailure(fixtureLines("imatrix-text-too-short.txt"), exit1, "llama-imatrix");
    expect(i).toMatchObject({ code: "text_too_short" });
    expect(i!.message).toContain("4096 tokens are needed for a context of 2048, the file has 1034");
  });
});
