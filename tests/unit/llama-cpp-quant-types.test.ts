import { describe, expect, it } from "vitest";
import { t } from "../../lib/i18n";
import { LLAMA_FILE_TYPES } from "../../lib/models/gguf/llama-file-types";
import {
  COMMON_QUANT_TYPES,
  QUANT_TYPES,
  QUANT_TYPE_ALIASES,
  estimateQuantSizeBytes,
  findQuantType,
  isUnquantizedPrecision,
} from "../../lib/tools/llama-cpp/quant-types";
import { fixtureText } from "./llama-cpp-fixtures";

/** `  15  or  Q4_K_M  :  4.58G, +0.1754 ppl @ Llama-3-8B` from the real `llama-quantize --help`. */
function helpTypes(): { id: number | null; name: string; desc: string }[] {
  const text = fixtureText("quantize-help.txt");
  const out = [];
  for (const m of text.matchAll(/^\s+(?:(\d+)\s+or\s+)?(\w+)\s*:\s*(.+)$/gm)) {
    if (text.indexOf(m[0]) < text.indexOf("allowed quantization types")) continue;
    out.push({ id: m[1] ? Number(m[1]) : null, name: m[2], desc: m[3].trim() });
  }
  return out;
}

describe("quantization type catalogue", () => {
  const help = helpTypes();

  it("covers every type the real llama-quantize offers (except COPY), with the same file type ids", () => {
    expect(help.length).toBeGreaterThan(35);
    for (const h of help) {
      if (h.name === "COPY") continue;
      const q = findQuantType(h.name);
      expect(q, h.name).not.toBeNull();
      if (!h.desc.startsWith("alias")) {
        expect(q!.name).toBe(h.name);
        expect(q!.ftypeId).toBe(h.id);
      } else {
        expect(QUANT_TYPE_ALIASES[h.name]).toBe(q!.name);
      }
    }
    const offered = new Set(help.map((h) => h.name));
    for (const q of QUANT_TYPES) expect(offered.has(q.name), q.name).toBe(true);
  });

  it("agrees with the GGUF reader's file type names", () => {
    for (const q of QUANT_TYPES) {
      const known = LLAMA_FILE_TYPES[q.ftypeId];
      if (known) expect(known.name).toBe(q.name);
    }
  });

  it("quotes the same perplexity deltas as the tool's help", () => {
    for (const h of help) {
      const m = /([+-][\d.]+) ppl/.exec(h.desc);
      if (!m) continue;
      expect(findQuantType(h.name)!.refPplDelta, h.name).toBeCloseTo(Number(m[1]), 4);
    }
  });

  it("marks as needing an imatrix exactly the types llama-quantize refused without one on the fixture", () => {
    const summary = fixtureText("quantize-all-types-summary.txt");
    const refused = [...summary.matchAll(/^(\w+) rc=1 .*requires an imatrix/gm)].map((m) => m[1]).sort();
    expect(refused).toEqual(["IQ1_M", "IQ1_S", "IQ2_M", "IQ2_S", "IQ2_XS", "IQ2_XXS", "Q2_K_S"]);
    for (const t of refused) expect(findQuantType(t)!.needsImatrix, t).toBe(true);
    // IQ3_XXS needs one in general (tensor_requires_imatrix); on this model every IQ3_XXS tensor fell back.
    expect(findQuantType("IQ3_XXS")!.needsImatrix).toBe(true);
    for (const t of COMMON_QUANT_TYPES) expect(findQuantType(t)!.needsImatrix, t).toBe(false);
  });

  it("has plain-words English and Chinese text for every type", () => {
    for (const q of QUANT_TYPES) {
      expect(q.en.summary.length, q.name).toBeGreaterThan(10);
      expect(q.en.quality.length, q.name).toBeGreaterThan(3);
      expect(t("zh")(q.text.summary), q.name).toMatch(/[\u4e00-\u9fff]/);
      expect(t("zh")(q.text.quality), q.name).toMatch(/[\u4e00-\u9fff]/);
      expect(q.bitsPerWeight).toBeGreaterThan(1);
    }
  });

  it("orders the common types by bits per weight like their sizes on Llama-3-8B", () => {
    const bpw = (n: string) => findQuantType(n)!.bitsPerWeight;
    expect(bpw("Q8_0")).toBeCloseTo(8.51, 1);
    expect(bpw("Q4_K_M")).toBeCloseTo(4.9, 1);
    expect(bpw("Q2_K")).toBeLessThan(bpw("Q3_K_S"));
    expect(bpw("Q3_K_S")).toBeLessThan(bpw("Q3_K_M"));
    expect(bpw("Q3_K_M")).toBeLessThan(bpw("Q3_K_L"));
    expect(bpw("Q4_K_S")).toBeLessThan(bpw("Q4_K_M"));
    expect(bpw("Q5_K_M")).toBeLessThan(bpw("Q6_K"));
    expect(bpw("Q6_K")).toBeLessThan(bpw("Q8_0"));
  });

  it("finds types case-insensitively and through aliases", () => {
    expect(findQuantType("q4_k_m")!.name).toBe("Q4_K_M");
    expect(findQuantType(" Q4_K ")!.name).toBe("Q4_K_M");
    expect(findQuantType("q5_k")!.name).toBe("Q5_K_M");
    expect(findQuantType("Q9_Z")).toBeNull();
    expect(findQuantType("COPY")).toBeNull();
  });

  it("estimates sizes from the parameter count", () => {
    expect(estimateQuantSizeBytes("F16", 134_515_008)).toBe(269_030_016);
    expect(estimateQuantSizeBytes("Q8_0", 1e9)).toBeGreaterThan(1.06e9);
    expect(isUnquantizedPrecision("bf16")).toBe(true);
    expect(isUnquantizedPrecision("Q4_1")).toBe(false);
    expect(isUnquantizedPrecision(null)).toBe(false);
  });
});
