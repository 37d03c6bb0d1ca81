import { QUANT_TYPE_ALIASES, QUANT_TYPE_NAMES } from "./quant-types";

const SUFFIXES = [...QUANT_TYPE_NAMES, ...Object.keys(QUANT_TYPE_ALIASES)].sort((a, b) => b.length - a.length);

/** "smollm2-F16" → "smollm2"; "Model.Q4_K_M" → "Model"; "smollm2 Q4_1" → "smollm2"; anything else unchanged. */
export function stripPrecisionSuffix(stem: string): string {
  for (const s of SUFFIXES) {
    const re = new RegExp(`[-_.\\s]+${s}$`, "i");
    if (re.test(stem)) return stem.replace(re, "") || stem;
  }
  return stem;
}

/** The family base name of a GGUF artifact: what its conversion recorded, else its name without the type. */
export function familyBaseName(name: string, metadata: unknown): string {
  const b = (metadata as { conversion?: { baseName?: unknown } } | null)?.conversion?.baseName;
  return typeof b === "string" && b.trim() ? b : stripPrecisionSuffix(name.trim());
}
