import {
  checkMedia, isFalsy, readSystem, readTools, typeName,
  type FieldProblem, type Row, type RowContext, type RowOutcome,
} from "./row-common";
import type { NormalizedSample } from "./types";

type Message = NormalizedSample["messages"][number];

/** history = [[user, assistant], ...]; LF unpacks each pair and skips a non-list value without a word. */
function readHistory(row: Row, ctx: RowContext, out: FieldProblem[]): Message[] {
  const col = ctx.cols.history;
  if (!col) return [];
  const v = row[col];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    out.push({ field: col, problem: `must be a list of [user, assistant] string pairs like [["Hi", "Hello!"]], not ${typeName(v)}` });
    return [];
  }
  const messages: Message[] = [];
  v.forEach((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string") {
      out.push({ field: `${col}[${i}]`, problem: `must be a pair of strings [user, assistant], not ${Array.isArray(pair) ? `a list of ${pair.length}` : typeName(pair)}` });
      return;
    }
    messages.push({ role: "user", content: pair[0] }, { role: "assistant", content: pair[1] });
  });
  return messages;
}

/** instruction + "\n" + input, skipping falsy parts as the converter does. */
function readPrompt(row: Row, ctx: RowContext, out: FieldProblem[]): string {
  const parts: string[] = [];
  for (const col of [ctx.cols.prompt, ctx.cols.query]) {
    if (!col) continue;
    const v = row[col];
    if (isFalsy(v)) continue;
    if (typeof v !== "string") out.push({ field: col, problem: `must be a string, not ${typeName(v)}` });
    else parts.push(v);
  }
  return parts.join("\n");
}

/** A required text column: present, a string, and (stricter than LF, which trains on "") not blank. */
function readText(row: Row, col: string | null, key: string, what: string, out: FieldProblem[]): string | undefined {
  if (!col) {
    out.push({ field: key, problem: `the entry names no ${key} column: set columns.${key}` });
    return undefined;
  }
  const v = row[col];
  if (v === undefined || v === null) out.push({ field: col, problem: `is missing: every row needs "${col}" (${what})` });
  else if (typeof v !== "string") out.push({ field: col, problem: `must be a string (${what}), not ${typeName(v)}` });
  else if (v.trim() === "") out.push({ field: col, problem: `is empty: write ${what}` });
  else return v;
  return undefined;
}

export function checkAlpacaRow(row: Row, ctx: RowContext): RowOutcome {
  const problems: FieldProblem[] = [];
  const { cols, purpose } = ctx;

  if (purpose === "pretrain") {
    const text = readText(row, cols.prompt, "prompt", "the text to train on", problems);
    return { problems, sample: text === undefined ? undefined : { messages: [], text } };
  }

  const messages = readHistory(row, ctx, problems);
  const prompt = readPrompt(row, ctx, problems);
  if (prompt === "" && !problems.some((p) => p.field === cols.prompt || p.field === cols.query)) {
    const names = [cols.prompt, cols.query].filter((c): c is string => !!c);
    const absent = names.every((c) => !(c in row));
    problems.push({
      field: cols.prompt ?? cols.query ?? "prompt",
      problem: absent
        ? `is missing: every row needs "${names[0] ?? "instruction"}" (the user's request)`
        : `is empty${names.length > 1 ? ` and so is "${names[1]}"` : ""}: write the user's request`,
    });
  }
  messages.push({ role: "user", content: prompt });

  const sample: NormalizedSample = { messages };
  if (purpose === "preference") {
    sample.chosen = readText(row, cols.chosen, "chosen", "the preferred answer", problems);
    sample.rejected = readText(row, cols.rejected, "rejected", "the worse answer", problems);
  } else {
    const response = readText(row, cols.response, "response", "the assistant's answer", problems);
    if (response !== undefined) messages.push({ role: "assistant", content: response });
    if (purpose === "kto") sample.kto = readKtoTag(row, cols.kto_tag, problems);
  }
  sample.system = readSystem(row, cols, problems);
  sample.tools = readTools(row, ctx, problems);
  checkMedia(row, cols, sample, problems);
  return problems.length > 0 ? { problems } : { problems, sample };
}

/** KTO rows count only when the tag is a real boolean; "true" or 1 silently turns them into SFT rows. */
export function readKtoTag(row: Row, col: string | null, out: FieldProblem[]): boolean | undefined {
  if (!col) return undefined;
  const v = row[col];
  if (typeof v === "boolean") return v;
  out.push({ field: col, problem: `must be true or false (a JSON boolean, the KTO label), not ${typeName(v)}${typeof v === "string" ? ` "${v}"` : ""}` });
  return undefined;
}
