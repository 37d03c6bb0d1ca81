import { readFile, stat } from "node:fs/promises";

/** tokenizer_config.json with a big added_tokens_decoder is a few MB; nothing we read is near this. */
const MAX_JSON_BYTES = 32 << 20;

export type JsonReadResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; missing: boolean; reason: string };

/**
 * Read a small JSON object file without throwing, so the caller decides whether a missing
 * or broken file is fatal (config.json) or just a warning (generation_config.json).
 */
export async function readJsonObjectFile(filePath: string): Promise<JsonReadResult> {
  let text: string;
  try {
    const st = await stat(filePath);
    if (!st.isFile()) return { ok: false, missing: true, reason: "is not a file" };
    if (st.size > MAX_JSON_BYTES) return { ok: false, missing: false, reason: `is ${st.size} bytes, too large` };
    text = await readFile(filePath, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, missing: true, reason: "does not exist" };
    return { ok: false, missing: false, reason: `cannot be read (${code ?? (e as Error).message})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, missing: false, reason: `is not valid JSON (${(e as Error).message})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, missing: false, reason: "is not a JSON object" };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
