export interface LlamaFileTypeInfo {
  /** The llama.cpp enum member without the LLAMA_FTYPE_ prefix, e.g. "MOSTLY_Q4_K_M". */
  enumName: string;
  /** What people call it on model cards and file names, e.g. "Q4_K_M". */
  name: string;
  /** Retired upstream, yet still found in real files (ollama has written 4), so keep a name. */
  removed?: true;
}

function ft(enumName: string, removed?: true): LlamaFileTypeInfo {
  const name = enumName === "ALL_F32" ? "F32" : enumName.replace(/^MOSTLY_/, "");
  return removed ? { enumName, name, removed } : { enumName, name };
}

/** general.file_type values (enum llama_ftype). The gaps are ids upstream retired. */
export const LLAMA_FILE_TYPES: Readonly<Record<number, LlamaFileTypeInfo>> = Object.freeze({
  0: ft("ALL_F32"),
  1: ft("MOSTLY_F16"),
  2: ft("MOSTLY_Q4_0"),
  3: ft("MOSTLY_Q4_1"),
  4: ft("MOSTLY_Q4_1_SOME_F16", true),
  5: ft("MOSTLY_Q4_2", true),
  6: ft("MOSTLY_Q4_3", true),
  7: ft("MOSTLY_Q8_0"),
  8: ft("MOSTLY_Q5_0"),
  9: ft("MOSTLY_Q5_1"),
  10: ft("MOSTLY_Q2_K"),
  11: ft("MOSTLY_Q3_K_S"),
  12: ft("MOSTLY_Q3_K_M"),
  13: ft("MOSTLY_Q3_K_L"),
  14: ft("MOSTLY_Q4_K_S"),
  15: ft("MOSTLY_Q4_K_M"),
  16: ft("MOSTLY_Q5_K_S"),
  17: ft("MOSTLY_Q5_K_M"),
  18: ft("MOSTLY_Q6_K"),
  19: ft("MOSTLY_IQ2_XXS"),
  20: ft("MOSTLY_IQ2_XS"),
  21: ft("MOSTLY_Q2_K_S"),
  22: ft("MOSTLY_IQ3_XS"),
  23: ft("MOSTLY_IQ3_XXS"),
  24: ft("MOSTLY_IQ1_S"),
  25: ft("MOSTLY_IQ4_NL"),
  26: ft("MOSTLY_IQ3_S"),
  27: ft("MOSTLY_IQ3_M"),
  28: ft("MOSTLY_IQ2_S"),
  29: ft("MOSTLY_IQ2_M"),
  30: ft("MOSTLY_IQ4_XS"),
  31: ft("MOSTLY_IQ1_M"),
  32: ft("MOSTLY_BF16"),
  33: ft("MOSTLY_Q4_0_4_4", true),
  34: ft("MOSTLY_Q4_0_4_8", true),
  35: ft("MOSTLY_Q4_0_8_8", true),
  36: ft("MOSTLY_TQ1_0"),
  37: ft("MOSTLY_TQ2_0"),
  38: ft("MOSTLY_MXFP4_MOE"),
  39: ft("MOSTLY_NVFP4"),
  40: ft("MOSTLY_Q1_0"),
});
