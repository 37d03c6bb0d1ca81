import path from "node:path";
import { QUANT_TYPE_ALIASES, QUANT_TYPE_NAMES } from "./quant-types";

/**
 * Output layout (documented in the README of this feature):
 *   HF folder  <parent>/<model>/                 (registered HF_MODEL)
 *   convert →  <parent>/<model>-gguf/<stem>-F16.gguf
 *   quantize → next to its source GGUF:  <parent>/<model>-gguf/<stem>-Q4_K_M.gguf
 *   imatrix →  <parent>/<model>-gguf/<stem>-F16.imatrix.gguf
 * `stem` is the requested name (or the model's), reduced to [A-Za-z0-9._-].
 */

/** A file-name-safe stem: letters, digits, dot, underscore, dash; never empty, at most 100 chars. */
export function safeFileStem(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\w.-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 100)
    .replace(/[-.]+$/g, "");
  return s || "model";
}

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

export function convertOutputDir(sourceDir: string): string {
  const dir = path.resolve(sourceDir);
  return path.join(path.dirname(dir), `${path.basename(dir)}-gguf`);
}

export function convertOutputPath(sourceDir: string, stem: string, label: string): string {
  return path.join(convertOutputDir(sourceDir), `${stem}-${label}.gguf`);
}

export function quantizeOutputPath(sourceFile: string, stem: string, type: string): string {
  return path.join(path.dirname(path.resolve(sourceFile)), `${stem}-${type}.gguf`);
}

export function imatrixPathFor(ggufFile: string): string {
  return ggufFile.replace(/\.gguf$/i, "") + ".imatrix.gguf";
}
