import type { DatasetPurpose, EffectiveColumns, EffectiveTags, Formatting } from "./entry-schema";
import type { NormalizedSample } from "./types";

export type RowContext = {
  formatting: Formatting;
  purpose: DatasetPurpose;
  ranking: boolean;
  cols: EffectiveColumns;
  tags: EffectiveTags;
};

export type FieldProblem = { field: string; problem: string };
export type RowOutcome = { problems: FieldProblem[]; sample?: NormalizedSample };

export type Row = Record<string, unknown>;

export const isObject = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);

export function typeName(v: unknown): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

export const quoteList = (xs: string[]) => xs.map((x) => `"${x}"`).join(", ");

/** Python truthiness, which the converter uses to skip empty prompt/query/history/tools values. */
export function isFalsy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

/** `system` comes straight from the column; anything but a string would break the template. */
export function readSystem(row: Row, cols: EffectiveColumns, out: FieldProblem[]): string | undefined {
  if (!cols.system) return undefined;
  const v = row[cols.system];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") {
    out.push({ field: cols.system, problem: `must be a string (the system prompt), not ${typeName(v)}` });
    return undefined;
  }
  return v;
}

/**
 * LF's ToolFormatter json.loads the tools value and iterates it. alpaca/sharegpt pass the column
 * through untouched, so a real list there fails; only the openai converter serialises lists itself.
 */
export function readTools(row: Row, ctx: RowContext, out: FieldProblem[]): string | undefined {
  const col = ctx.cols.tools;
  if (!col) return undefined;
  const v = row[col];
  if (isFalsy(v)) return undefined;
  let parsed: unknown = v;
  if (typeof v === "string") {
    try {
      parsed = JSON.parse(v);
    } catch {
      out.push({ field: col, problem: 'is not valid JSON: it must be a JSON string of a tool list, e.g. "[{\\"name\\": \\"get_weather\\", \\"description\\": ..., \\"parameters\\": {...}}]"' });
      return undefined;
    }
  } else if (ctx.formatting !== "openai") {
    out.push({ field: col, problem: `is ${typeName(v)}; with formatting "${ctx.formatting}" LLaMA-Factory needs the tool list as a JSON string ("[{\\"name\\": ...}]"): serialise it, or use formatting "openai"` });
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every(isObject)) {
    out.push({ field: col, problem: `must describe a list of tool objects ([{"name": ..., "parameters": {...}}]), not ${typeName(parsed)}` });
    return undefined;
  }
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** function_call turns are json.loads'ed by LF's FunctionFormatter; bad JSON aborts the whole run. */
export function functionCallProblem(content: string): string | null {
  let calls: unknown;
  try {
    calls = JSON.parse(content);
  } catch {
    return 'must be JSON like {"name": "tool_name", "arguments": {...}} (LLaMA-Factory stops with "Invalid JSON format in function message")';
  }
  const list = Array.isArray(calls) ? calls : [calls];
  if (list.length === 0 || !list.every((c) => isObject(c) && typeof c.name === "string" && "arguments" in c)) {
    return 'must hold {"name": ..., "arguments": {...}} (or a list of them) for each tool call';
  }
  return null;
}

const MEDIA = [
  { col: "images", token: "<image>" },
  { col: "videos", token: "<video>" },
  { col: "audios", token: "<audio>" },
] as const;

/** Multimodal plugins refuse a row whose <image>/<video>/<audio> count differs from its file list. */
export function checkMedia(row: Row, cols: EffectiveColumns, sample: NormalizedSample, out: FieldProblem[]): void {
  const texts = [...sample.messages.map((m) => m.content), sample.chosen ?? ""];
  for (const { col, token } of MEDIA) {
    const name = cols[col];
    if (!name) continue;
    const v = row[name];
    const files = isFalsy(v) ? 0 : Array.isArray(v) ? v.length : 1;
    const tokens = texts.reduce((n, t) => n + t.split(token).length - 1, 0);
    if (files !== tokens) {
      out.push({ field: name, problem: `lists ${files} file(s) but the messages contain ${tokens} ${token} placeholder(s): put one ${token} in the text for each file` });
    }
  }
}
