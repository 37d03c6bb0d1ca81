import { describe, expect, it } from "vitest";
import { convertOutputPath, familyBaseName, imatrixPathFor, quantizeOutputPath, safeFileStem, stripPrecisionSuffix } from "../../lib/tools/llama-cpp/output-names";
import { formatBytes, measuredBitsPerWeight } from "../../lib/tools/llama-cpp/sizes";

describe("output names", () => {
  it("makes file-safe stems", () => {
    expect(safeFileStem("SmolLM2 HF")).toBe("SmolLM2-HF");
    expect(safeFileStem("$(touch x); rm -rf ~ `id`")).toBe("touch-x-rm-rf-id");
    expect(safeFileStem("Modèle été")).toBe("Modele-ete");
    expect(safeFileStem("../../etc/passwd")).toBe("etc-passwd");
    expect(safeFileStem("模型")).toBe("model");
    expect(safeFileStem("a".repeat(300)).length).toBe(100);
  });

  it("strips a trailing precision so quants of an F16 get sibling names", () => {
    expect(stripPrecisionSuffix("smollm2-F16")).toBe("smollm2");
    expect(stripPrecisionSuffix("Model.Q4_K_M")).toBe("Model");
    expect(stripPrecisionSuffix("model-q4_k")).toBe("model");
    expect(stripPrecisionSuffix("qwen2.5")).toBe("qwen2.5");
    expect(stripPrecisionSuffix("smollm2 Q4_1")).toBe("smollm2");
    expect(familyBaseName("smollm2 F16", { conversion: { baseName: "SmolLM2 HF" } })).toBe("SmolLM2 HF");
    expect(familyBaseName("smollm2 Q4_1", {})).toBe("smollm2");
  });

  it("puts outputs next to the source", () => {
    expect(convertOutputPath("/data/models/smollm2", "smollm2", "F16")).toBe("/data/models/smollm2-gguf/smollm2-F16.gguf");
    expect(convertOutputPath("/data/models/smollm2/", "s", "BF16")).toBe("/data/models/smollm2-gguf/s-BF16.gguf");
    expect(quantizeOutputPath("/data/models/smollm2-gguf/smollm2-F16.gguf", "smollm2", "Q4_K_M")).toBe("/data/models/smollm2-gguf/smollm2-Q4_K_M.gguf");
    expect(imatrixPathFor("/d/smollm2-F16.gguf")).toBe("/d/smollm2-F16.imatrix.gguf");
  });

  it("formats sizes and measures bits per weight", () => {
    expect(formatBytes(270_885_888)).toBe("258.3 MiB");
    expect(measuredBitsPerWeight(105_454_080, 134_515_008)).toBeCloseTo(6.27, 2);
    expect(measuredBitsPerWeight(1, 0)).toBeNull();
  });
});
