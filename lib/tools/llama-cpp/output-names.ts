import path from "node:path";
// The family name lives apart so code that also runs in the browser can use it without node:path.
export { familyBaseName, stripPrecisionSuffix } from "./family-name";

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
