import { JobError } from "../../errors";
import { READ_CAPS, readConfinedText } from "../../hosts/confined-read";

export type JsonReadResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; missing: boolean; reason: string };

/** "path_outside_roots: x points outside the storage roots" → "points outside the storage roots". */
export function reasonOf(err: JobError, shown: string): string {
  return err.message.startsWith(`${shown} `) ? err.message.slice(shown.length + 1) : err.message;
}

/**
 * Read a small JSON object file inside the roots without throwing, so the caller decides
 * whether a missing or refused file is fatal (config.json) or just a warning
 * (generation_config.json).
 */
export async function readJsonObjectFile(filePath: string, roots: string[], maxBytes: number = READ_CAPS.jsonConfig): Promise<JsonReadResult> {
  let text: string;
  try {
    text = await readConfinedText(filePath, { roots, maxBytes });
  } catch (e) {
    if (!(e instanceof JobError)) throw e;
    if (e.code === "path_not_found") return { ok: false, missing: true, reason: "does not exist" };
    return { ok: false, missing: false, reason: reasonOf(e, filePath) };
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
