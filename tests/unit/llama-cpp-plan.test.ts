import { describe, expect, it } from "vitest";
import { t } from "../../lib/i18n";
import { AppError } from "../../lib/errors";
import { planConversion } from "../../lib/tools/llama-cpp/plan";

describe("conversion planner", () => {
  it("keeps a plain converter outtype as one step", () => {
    const p = planConversion({ outtype: "f16" });
    expect(p).toMatchObject({ convertOuttype: "f16", quantize: [], needsImatrix: false, notes: [] });
  });

  it("turns a k-quant asked as an outtype into convert-to-16-bit + quantize", () => {
    const p = planConversion({ outtype: "Q4_K_M", sourceDtype: "BF16" });
    expect(p.convertOuttype).toBe("bf16");
    expect(p.quantize).toEqual(["Q4_K_M"]);
    expect(p.notes[0].code).toBe("two_step");
    expect(p.notes[0].en).toContain("llama-quantize");
    expect(t("zh")(p.notes[0].key, p.notes[0].params)).toContain("llama-quantize");
    expect(t("zh")(p.notes[0].key, p.notes[0].params)).toContain("BF16");
    expect(planConversion({ outtype: "q4_k", sourceDtype: "F32" })).toMatchObject({ convertOuttype: "f16", quantize: ["Q4_K_M"] });
  });

  it("converts once and quantizes to several types", () => {
    const p = planConversion({ outtype: "f16", quantize: ["Q8_0", "q5_k_m", "Q4_K_M", "Q4_K"] });
    expect(p.convertOuttype).toBe("f16");
    expect(p.quantize).toEqual(["Q8_0", "Q5_K_M", "Q4_K_M"]);
  });

  it("does not requantize from a q8_0 conversion: converts 16-bit and adds Q8_0 to the quantizations", () => {
    const p = planConversion({ outtype: "q8_0", quantize: ["Q4_K_M"], sourceDtype: "BF16" });
    expect(p.convertOuttype).toBe("bf16");
    expect(p.quantize).toEqual(["Q8_0", "Q4_K_M"]);
    expect(p.notes.map((n) => n.code)).toContain("q8_0_as_quant");
    expect(planConversion({ outtype: "q8_0" })).toMatchObject({ convertOuttype: "q8_0", quantize: [] });
    expect(planConversion({ outtype: "Q8_0" })).toMatchObject({ convertOuttype: "q8_0", quantize: [] });
  });

  it("drops a quantization equal to the converter's own output", () => {
    const p = planConversion({ outtype: "f16", quantize: ["F16", "Q6_K"] });
    expect(p.quantize).toEqual(["Q6_K"]);
    expect(p.notes.map((n) => n.code)).toContain("already_produced");
  });

  it("reports which types need an importance matrix", () => {
    const p = planConversion({ outtype: "f16", quantize: ["Q4_K_M", "IQ2_XS", "IQ1_S"] });
    expect(p.needsImatrix).toBe(true);
    expect(p.imatrixRequiredBy).toEqual(["IQ2_XS", "IQ1_S"]);
  });

  it("explains unknown types", () => {
    expect(() => planConversion({ outtype: "q3_z" })).toThrow(AppError);
    try {
      planConversion({ outtype: "f16", quantize: ["Q9_K"] });
    } catch (e) {
      expect((e as AppError).code).toBe("unknown_quant_type");
      expect((e as AppError).hint).toContain("Q4_K_M");
    }
  });
});
