import { describe, expect, it } from "vitest";
import { parsePerplexity } from "../../lib/tools/llama-cpp/perplexity";
import { ConvertProgress, evalToolProgress, parseConvertLine, parseQuantizeLine, quantizeProgress } from "../../lib/tools/llama-cpp/progress";
import { parseQuantizeSummary } from "../../lib/tools/llama-cpp/quantize";
import { fixtureLines, fixtureText } from "./llama-cpp-fixtures";

describe("converter progress (real convert_hf_to_gguf.py --outtype f16 output)", () => {
  const lines = fixtureLines("convert-f16.stderr.txt");

  it("parses the per-tensor lines, the write plan and the tqdm redraws", () => {
    const parsed = lines.map(parseConvertLine).filter((x) => x !== null);
    const tensors = parsed.filter((x) => x.kind === "tensor");
    expect(tensors.length).toBe(272);
    expect(tensors[0]).toEqual({ kind: "tensor", name: "token_embd.weight", from: "torch.bfloat16", to: "F16", shape: [576, 49152] });
    expect(tensors.filter((x) => x.to === "F32").length).toBe(61); // norms stay F32
    expect(parsed.find((x) => x.kind === "write-plan")).toEqual({ kind: "write-plan", tensors: 272, totalSize: "269.1M" });
    const writing = parsed.filter((x) => x.kind === "writing").map((x) => x.percent);
    expect(writing[0]).toBe(0);
    expect(writing.at(-1)).toBe(100);
    expect(parsed.at(-1)).toEqual({ kind: "done", path: "/tmp/conv-rec/out-f16.gguf" });
  });

  it("gives a monotonic progress from ~0 to ~1 when the source tensor count is known", () => {
    const p = new ConvertProgress(272);
    const values = lines.map((l) => p.onLine(l)).filter((x) => x !== null).map((x) => x.value);
    expect(values.length).toBeGreaterThan(280);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
    expect(values[0]).toBeLessThan(0.05);
    expect(values.at(-1)).toBeGreaterThan(0.97);
    expect(p.tensorsSeen).toBe(272);
  });

  it("still moves forward without a known tensor count", () => {
    const p = new ConvertProgress(null);
    const values = lines.map((l) => p.onLine(l)).filter((x) => x !== null).map((x) => x.value);
    expect(Math.max(...values.slice(0, 200))).toBeLessThan(0.15);
    expect(values.at(-1)).toBeGreaterThan(0.97);
  });

  it("parses the q8_0 conversion too", () => {
    const tensors = fixtureLines("convert-q8_0.stderr.txt").map(parseConvertLine).filter((x) => x?.kind === "tensor");
    expect(tensors.some((x) => x!.kind === "tensor" && x!.to === "Q8_0")).toBe(true);
  });
});

describe("llama-quantize progress and summary (real Q4_K_M run)", () => {
  const lines = fixtureLines("quantize-q4_k_m.txt");

  it("reads every [ i/ N] tensor line", () => {
    const q = lines.map(parseQuantizeLine).filter((x) => x !== null);
    expect(q.length).toBe(272);
    expect(q[1]).toEqual({ index: 2, total: 272, tensor: "token_embd.weight", to: "q8_0" });
    expect(q[0].to).toBeNull(); // output_norm stays f32
    const values = lines.map(quantizeProgress).filter((x) => x !== null).map((x) => x.value);
    expect(values[0]).toBeGreaterThan(0);
    expect(values.at(-1)).toBeCloseTo(0.98, 5);
  });

  it("reads sizes, bits per weight and the fallbacks for 576-wide rows", () => {
    const s = parseQuantizeSummary(fixtureText("quantize-q4_k_m.txt"));
    expect(s.inputMiB).toBeCloseTo(256.63, 2);
    expect(s.inputBpw).toBe(16);
    expect(s.outputMiB).toBeCloseTo(98.87, 2);
    expect(s.outputBpw).toBeCloseTo(6.17, 2);
    expect(s.fallbackTensors).toBe(180);
    expect(s.totalTensors).toBe(272);
    expect(s.fallbacks.length).toBe(180);
    expect(s.fallbacks[0]).toMatchObject({ ncols: 576, blockSize: 256 });
    expect(new Set(s.fallbacks.map((f) => `${f.from}->${f.to}`))).toEqual(new Set(["q4_K->q5_0", "q6_K->q8_0"]));
    expect(s.quantizeMs).toBeGreaterThan(0);
  });
});

describe("llama-perplexity / llama-imatrix output", () => {
  it("parses the final estimate even when it shares a line with the ETA", () => {
    expect(parsePerplexity(fixtureText("perplexity-f16.txt"))).toEqual({ perplexity: 28.1711, error: 5.38256, chunks: 4 });
    expect(parsePerplexity(fixtureText("imatrix-f16.txt"))).toMatchObject({ perplexity: 28.1711 });
    expect(parsePerplexity(fixtureText("perplexity-text-too-short.txt"))).toBeNull();
    expect(parsePerplexity("Final estimate: PPL = nan +/- nan")).toBeNull();
    // Lost closing lines (seen under load): the last chunk's running value is the estimate.
    const cut = fixtureText("perplexity-f16.txt").replace(/I Final estimate.*\n/, "\n");
    expect(parsePerplexity(cut)).toEqual({ perplexity: 28.1711, error: NaN, chunks: 4 });
    const truncated = cut.replace("[4]28.1711,", "");
    expect(parsePerplexity(truncated)).toBeNull();
  });

  it("turns the tools' lines into progress labels", () => {
    const labels = fixtureLines("perplexity-f16.txt").map(evalToolProgress).filter((x) => x !== null).map((x) => x.label);
    expect(labels).toContain("tokenizing the text");
    expect(labels).toContain("evaluating 4 chunks");
    expect(labels).toContain("perplexity 28.1711");
    const im = fixtureLines("imatrix-f16.txt").map(evalToolProgress).filter((x) => x !== null).map((x) => x.label);
    expect(im).toContain("evaluating 4 chunks");
    expect(im.some((l) => /s per chunk/.test(l))).toBe(true);
  });
});
