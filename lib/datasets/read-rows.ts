import { findJsonSyntaxError, firstInvalidUtf8, positionAt } from "./json-position";
import type { RowError } from "./types";

export type { RowError } from "./types";

export type DecodeLimits = { maxRowBytes?: number; maxRows?: number };
export type DecodeResult =
  | { ok: true; rows: unknown[]; /** for .jsonl: the line of each row, to label errors with */ lines?: number[] }
  | { ok: false; errors: RowError[] };

export const DEFAULT_MAX_ROW_BYTES = 1024 * 1024;
const MAX_DECODE_ERRORS = 200;
/** FILEEXT2TYPE in LF's extras/constants.py. */
const LF_EXTENSIONS = ["arrow", "csv", "json", "jsonl", "parquet", "txt"];

const encoder = new TextEncoder();
const byteLength = (s: string) => encoder.encode(s).length;

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

const fileError = (problem: string): DecodeResult => ({ ok: false, errors: [{ row: 0, field: "", problem }] });

function syntaxProblem(text: string, where: string, lineOffset = 0): string {
  const found = findJsonSyntaxError(text);
  const at = positionAt(text, found?.offset ?? text.length);
  return `Invalid JSON ${where}at line ${at.line + lineOffset}, column ${at.column}: ${found?.reason ?? "the text could not be read"}. Fix the JSON there.`;
}

function extensionProblem(fileName: string): string | null {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
  if (ext === "json" || ext === "jsonl") return null;
  if (LF_EXTENSIONS.includes(ext)) {
    return `.${ext} files are readable by LLaMA-Factory but Modelyard accepts only .json and .jsonl: convert the file to JSON Lines (one object per line).`;
  }
  return `Unsupported file type "${ext ? `.${ext}` : fileName}": upload a .json file (an array of row objects) or a .jsonl file (one object per line). LLaMA-Factory's own list is ${LF_EXTENSIONS.join(",")}.`;
}

/**
 * HF's json builder (which LF uses for both .json and .jsonl) ignores the extension: text that
 * starts with "[" is read as an array, anything else as JSON Lines. An array of strings becomes
 * {"text": ...} rows there, so it does here.
 */
function decodeArray(text: string, maxRowBytes: number, maxRows: number): DecodeResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fileError(syntaxProblem(text, ""));
  }
  if (!Array.isArray(data)) return fileError("The top level must be an array of rows: [ {...}, {...} ].");
  if (data.length > maxRows) return fileError(`The file has ${data.length} rows, more than the limit of ${maxRows}: split it into smaller files.`);
  const allStrings = data.length > 0 && data.every((x) => typeof x === "string");
  const rows: unknown[] = [];
  const errors: RowError[] = [];
  data.forEach((item, i) => {
    const row = allStrings ? { text: item } : item;
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      errors.push({ row: i + 1, field: "", problem: `Row ${i + 1} is ${typeName(row)}, not an object: each array item must be one {"column": value, ...} row.` });
      return;
    }
    const size = byteLength(JSON.stringify(row));
    if (size > maxRowBytes) {
      errors.push({ row: i + 1, field: "", problem: `Row ${i + 1} is huge (${size} bytes, limit ${maxRowBytes}): split it or shorten it.` });
      return;
    }
    rows.push(row);
  });
  return errors.length > 0 ? { ok: false, errors: capped(errors) } : { ok: true, rows };
}

function decodeLines(text: string, isJsonl: boolean, maxRowBytes: number, maxRows: number): DecodeResult {
  const rows: unknown[] = [];
  const lines: number[] = [];
  const errors: RowError[] = [];
  const split = text.split("\n");
  for (let i = 0; i < split.length; i++) {
    const raw = split[i].replace(/\r$/, "");
    const line = i + 1;
    if (raw.trim() === "") continue;
    const size = byteLength(raw);
    if (size > maxRowBytes) {
      errors.push({ row: line, field: "", problem: `Line ${line} is a huge row (${size} bytes, limit ${maxRowBytes}): split it or shorten it.` });
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      // A pretty-printed single object reads as broken lines; say what it really is.
      if (errors.length === 0 && rows.length === 0) {
        const whole = wholeValue(text);
        if (whole !== undefined) {
          return fileError(isJsonl
            ? `The file is one ${typeName(whole).replace(/^an? /, "")} spread over several lines, not JSON Lines: put each row on its own line.`
            : `The top level is ${typeName(whole)}, not an array: a .json dataset must be an array of rows [ {...}, {...} ] (or one object per line).`);
        }
      }
      errors.push({ row: line, field: "", problem: syntaxProblem(raw, "", line - 1) });
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      errors.push({ row: line, field: "", problem: `Line ${line} is ${typeName(value)}, not an object: each line must hold one {"column": value, ...} row.` });
      continue;
    }
    rows.push(value);
    lines.push(line);
    if (rows.length > maxRows) return fileError(`The file has more than ${maxRows} rows: split it into smaller files.`);
  }
  if (!isJsonl && errors.length === 0 && rows.length === 1 && split.filter((l) => l.trim()).length === 1) {
    return fileError("The top level is an object, not an array: a .json dataset must be an array of rows [ {...}, {...} ].");
  }
  return errors.length > 0 ? { ok: false, errors: capped(errors) } : { ok: true, rows, lines };
}

function wholeValue(text: string): unknown {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function capped(errors: RowError[]): RowError[] {
  if (errors.length <= MAX_DECODE_ERRORS) return errors;
  const rest = errors.length - MAX_DECODE_ERRORS;
  return [...errors.slice(0, MAX_DECODE_ERRORS), { row: 0, field: "", problem: `…and ${rest} more problems of the same kinds.` }];
}

/** Read an uploaded dataset file into rows the way LF (through HF datasets) would, or say why not. */
export function decodeDatasetFile(bytes: Uint8Array, fileName: string, limits: DecodeLimits = {}): DecodeResult {
  const extProblem = extensionProblem(fileName);
  if (extProblem) return fileError(extProblem);
  const maxRowBytes = limits.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES;
  const maxRows = limits.maxRows ?? Number.POSITIVE_INFINITY;

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, Math.max(offset, 0)).filter((b) => b === 10).length + 1;
    return fileError(`The file is not valid UTF-8 (first bad byte at offset ${offset}, line ${line}): re-save it as UTF-8.`);
  }
  if (text.trim() === "") return fileError("The file is empty: add rows.");
  const isJsonl = /\.jsonl$/i.test(fileName);
  return text.trimStart().startsWith("[") ? decodeArray(text, maxRowBytes, maxRows) : decodeLines(text, isJsonl, maxRowBytes, maxRows);
}
