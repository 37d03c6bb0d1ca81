export interface GgmlTypeInfo {
  name: string;
  /** Elements per quantization block; null for ids that no longer exist in GGUF files. */
  blockSize: number | null;
  /** Bytes per block; null together with blockSize. */
  typeSize: number | null;
  /** Ids upstream retired; kept so old files still get a readable name. */
  removed?: true;
}

/**
 * ggml tensor type ids (enum ggml_type) as written in GGUF tensor infos.
 * Block geometry lets the reader work out how many bytes the tensor data must span,
 * which is how a file truncated inside the data region is caught without reading it.
 */
export const GGML_TYPES: Readonly<Record<number, GgmlTypeInfo>> = Object.freeze({
  0: { name: "F32", blockSize: 1, typeSize: 4 },
  1: { name: "F16", blockSize: 1, typeSize: 2 },
  2: { name: "Q4_0", blockSize: 32, typeSize: 18 },
  3: { name: "Q4_1", blockSize: 32, typeSize: 20 },
  4: { name: "Q4_2", blockSize: null, typeSize: null, removed: true },
  5: { name: "Q4_3", blockSize: null, typeSize: null, removed: true },
  6: { name: "Q5_0", blockSize: 32, typeSize: 22 },
  7: { name: "Q5_1", blockSize: 32, typeSize: 24 },
  8: { name: "Q8_0", blockSize: 32, typeSize: 34 },
  9: { name: "Q8_1", blockSize: 32, typeSize: 40 },
  10: { name: "Q2_K", blockSize: 256, typeSize: 84 },
  11: { name: "Q3_K", blockSize: 256, typeSize: 110 },
  12: { name: "Q4_K", blockSize: 256, typeSize: 144 },
  13: { name: "Q5_K", blockSize: 256, typeSize: 176 },
  14: { name: "Q6_K", blockSize: 256, typeSize: 210 },
  15: { name: "Q8_K", blockSize: 256, typeSize: 292 },
  16: { name: "IQ2_XXS", blockSize: 256, typeSize: 66 },
  17: { name: "IQ2_XS", blockSize: 256, typeSize: 74 },
  18: { name: "IQ3_XXS", blockSize: 256, typeSize: 98 },
  19: { name: "IQ1_S", blockSize: 256, typeSize: 50 },
  20: { name: "IQ4_NL", blockSize: 32, typeSize: 18 },
  21: { name: "IQ3_S", blockSize: 256, typeSize: 110 },
  22: { name: "IQ2_S", blockSize: 256, typeSize: 82 },
  23: { name: "IQ4_XS", blockSize: 256, typeSize: 136 },
  24: { name: "I8", blockSize: 1, typeSize: 1 },
  25: { name: "I16", blockSize: 1, typeSize: 2 },
  26: { name: "I32", blockSize: 1, typeSize: 4 },
  27: { name: "I64", blockSize: 1, typeSize: 8 },
  28: { name: "F64", blockSize: 1, typeSize: 8 },
  29: { name: "IQ1_M", blockSize: 256, typeSize: 56 },
  30: { name: "BF16", blockSize: 1, typeSize: 2 },
  31: { name: "Q4_0_4_4", blockSize: null, typeSize: null, removed: true },
  32: { name: "Q4_0_4_8", blockSize: null, typeSize: null, removed: true },
  33: { name: "Q4_0_8_8", blockSize: null, typeSize: null, removed: true },
  34: { name: "TQ1_0", blockSize: 256, typeSize: 54 },
  35: { name: "TQ2_0", blockSize: 256, typeSize: 66 },
  36: { name: "IQ4_NL_4_4", blockSize: null, typeSize: null, removed: true },
  37: { name: "IQ4_NL_4_8", blockSize: null, typeSize: null, removed: true },
  38: { name: "IQ4_NL_8_8", blockSize: null, typeSize: null, removed: true },
  39: { name: "MXFP4", blockSize: 32, typeSize: 17 },
  40: { name: "NVFP4", blockSize: 64, typeSize: 36 },
  41: { name: "Q1_0", blockSize: 128, typeSize: 18 },
});

/** Name for a ggml type id; unknown ids still get a stable label so summaries can group them. */
export function ggmlTypeName(id: number): string {
  return GGML_TYPES[id]?.name ?? `UNKNOWN_${id}`;
}
