import { DatasetInfoFileSchema, type DatasetInfoFile } from "./entry-schema";
import { findJsonSyntaxError, positionAt } from "./json-position";

export * from "./entry-schema";
export { buildDatasetInfoEntry, relevantColumns, type BuildEntryInput } from "./build-entry";
export { detectDatasetInfoEntry } from "./detect-entry";

/** Read a whole dataset_info.json; the error names the entry and key to fix. */
export function parseDatasetInfoJson(text: string): { entries: DatasetInfoFile } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    const found = findJsonSyntaxError(text);
    const at = positionAt(text, found?.offset ?? text.length);
    return { error: `Invalid JSON at line ${at.line}, column ${at.column}: ${found?.reason ?? "the text could not be read"}.` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { error: 'dataset_info.json must be an object mapping dataset names to entries: {"my_data": {"file_name": "my_data.json"}}.' };
  }
  const parsed = DatasetInfoFileSchema.safeParse(data);
  if (parsed.success) return { entries: parsed.data };
  const lines = parsed.error.issues.slice(0, 10).map((iss) => {
    const path = iss.path.map(String).join(".");
    return path ? `${path}: ${iss.message}` : iss.message;
  });
  const more = parsed.error.issues.length > 10 ? ` (and ${parsed.error.issues.length - 10} more)` : "";
  return { error: lines.join("; ") + more };
}
