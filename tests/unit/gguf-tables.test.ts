import { describe, expect, it } from "vitest";
import { GGML_TYPES, LLAMA_FILE_TYPES, bitsPerWeight, ggmlTypeName } from "../../lib/models/gguf";

describe("GGML_TYPES", () => {
  it("uses llama.cpp's ggml_type ids", () => {
    const expected: Record<string, number> = {
      F32: 0, F16: 1, Q4_0: 2, Q4_1: 3, Q5_0: 6, Q5_1: 7, Q8_0: 8, Q8_1: 9,
      Q2_K: 10, Q3_K: 11, Q4_K: 12, Q5_K: 13, Q6_K: 14, Q8_K: 15,
      IQ2_XXS: 16, IQ2_XS: 17, IQ3_XXS: 18, IQ1_S: 19, IQ4_NL: 20, IQ3_S: 21, IQ2_S: 22, IQ4_XS: 23,
      I8: 24, I16: 25, I32: 26, I64: 27, F64: 28, IQ1_M: 29, BF16: 30,
      TQ1_0: 34, TQ2_0: 35, MXFP4: 39,
    };
    for (const [name, id] of Object.entries(expected)) expect(ggmlTypeName(id), name).toBe(name);
  });

  it("has the block geometry of the common quant types", () => {
    expect(GGML_TYPES[2]).toMatchObject({ blockSize: 32, typeSize: 18 }); // Q4_0: fp16 scale + 16 bytes
    expect(GGML_TYPES[3]).toMatchObject({ blockSize: 32, typeSize: 20 }); // Q4_1: + fp16 min
    expect(GGML_TYPES[8]).toMatchObject({ blockSize: 32, typeSize: 34 }); // Q8_0
    expect(GGML_TYPES[12]).toMatchObject({ blockSize: 256, typeSize: 144 }); // Q4_K: 4.5 bpw
    expect(GGML_TYPES[14]).toMatchObject({ blockSize: 256, typeSize: 210 }); // Q6_K: 6.5625 bpw
    expect(GGML_TYPES[30]).toMatchObject({ blockSize: 1, typeSize: 2 });
  });

  it("names retired and unknown ids instead of failing", () => {
    expect(GGML_TYPES[4]).toMatchObject({ name: "Q4_2", removed: true, blockSize: null });
    expect(ggmlTypeName(31)).toBe("Q4_0_4_4");
    expect(ggmlTypeName(12345)).toBe("UNKNOWN_12345");
  });
});

describe("LLAMA_FILE_TYPES", () => {
  it("uses llama.cpp's llama_ftype ids and short names", () => {
    const expected: Array<[number, string, string]> = [
      [0, "ALL_F32", "F32"],
      [1, "MOSTLY_F16", "F16"],
      [2, "MOSTLY_Q4_0", "Q4_0"],
      [3, "MOSTLY_Q4_1", "Q4_1"],
      [7, "MOSTLY_Q8_0", "Q8_0"],
      [8, "MOSTLY_Q5_0", "Q5_0"],
      [9, "MOSTLY_Q5_1", "Q5_1"],
      [10, "MOSTLY_Q2_K", "Q2_K"],
      [11, "MOSTLY_Q3_K_S", "Q3_K_S"],
      [12, "MOSTLY_Q3_K_M", "Q3_K_M"],
      [13, "MOSTLY_Q3_K_L", "Q3_K_L"],
      [14, "MOSTLY_Q4_K_S", "Q4_K_S"],
      [15, "MOSTLY_Q4_K_M", "Q4_K_M"],
      [16, "MOSTLY_Q5_K_S", "Q5_K_S"],
      [17, "MOSTLY_Q5_K_M", "Q5_K_M"],
      [18, "MOSTLY_Q6_K", "Q6_K"],
      [19, "MOSTLY_IQ2_XXS", "IQ2_XXS"],
      [20, "MOSTLY_IQ2_XS", "IQ2_XS"],
      [21, "MOSTLY_Q2_K_S", "Q2_K_S"],
      [22, "MOSTLY_IQ3_XS", "IQ3_XS"],
      [23, "MOSTLY_IQ3_XXS", "IQ3_XXS"],
      [24, "MOSTLY_IQ1_S", "IQ1_S"],
      [25, "MOSTLY_IQ4_NL", "IQ4_NL"],
      [26, "MOSTLY_IQ3_S", "IQ3_S"],
      [27, "MOSTLY_IQ3_M", "IQ3_M"],
      [28, "MOSTLY_IQ2_S", "IQ2_S"],
      [29, "MOSTLY_IQ2_M", "IQ2_M"],
      [30, "MOSTLY_IQ4_XS", "IQ4_XS"],
      [31, "MOSTLY_IQ1_M", "IQ1_M"],
      [32, "MOSTLY_BF16", "BF16"],
      [36, "MOSTLY_TQ1_0", "TQ1_0"],
      [37, "MOSTLY_TQ2_0", "TQ2_0"],
      [38, "MOSTLY_MXFP4_MOE", "MXFP4_MOE"],
    ];
    for (const [id, enumName, name] of expected) {
      expect(LLAMA_FILE_TYPES[id], `id ${id}`).toEqual({ enumName, name });
    }
  });

  it("keeps retired ids readable but marked", () => {
    expect(LLAMA_FILE_TYPES[4]).toEqual({ enumName: "MOSTLY_Q4_1_SOME_F16", name: "Q4_1_SOME_F16", removed: true });
    expect(LLAMA_FILE_TYPES[33]?.removed).toBe(true);
  });
});

describe("bitsPerWeight", () => {
  it("divides file bits by parameters", () => {
    expect(bitsPerWeight(1000, 1000)).toBe(8);
    expect(bitsPerWeight(98_362_432, 134_515_008)).toBeCloseTo(5.85, 2);
  });

  it("returns null when undefined", () => {
    expect(bitsPerWeight(1000, 0)).toBeNull();
    expect(bitsPerWeight(-1, 10)).toBeNull();
    expect(bitsPerWeight(Number.NaN, 10)).toBeNull();
  });
});
