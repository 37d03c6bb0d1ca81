import { buildDatasetInfoEntry, type BuildEntryInput } from "./build-entry";
import type { ColumnName, DatasetInfoEntry, DatasetPurpose, Formatting, TagName } from "./entry-schema";

const SAMPLE_ROWS = 50;

type Row = Record<string, unknown>;
const isObj = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);

function firstKey(keys: Set<string>, names: string[]): string | undefined {
  return names.find((n) => keys.has(n));
}

/** A key whose value is a boolean in every sampled row that has it: LF only honours real booleans. */
function boolKey(rows: Row[], keys: Set<string>): string | undefined {
  return ["kto_tag", "label"].find((k) => keys.has(k) && rows.every((r) => r[k] === undefined || r[k] === null || typeof r[k] === "boolean"));
}

function optionalColumns(keys: Set<string>, names: ColumnName[]): Partial<Record<ColumnName, string>> {
  const out: Partial<Record<ColumnName, string>> = {};
  for (const n of names) if (keys.has(n)) out[n] = n;
  return out;
}

function pickTag(roles: Set<string>, candidates: string[]): string | undefined {
  return candidates.find((c) => roles.has(c));
}

function detectMessages(rows: Row[], keys: Set<string>, fileName: string): BuildEntryInput | null {
  const messagesCol = firstKey(keys, ["conversations", "messages", "conversation"]);
  if (!messagesCol) return null;
  const messages = rows.flatMap((r) => (Array.isArray(r[messagesCol]) ? (r[messagesCol] as unknown[]) : [])).filter(isObj);
  if (messages.length === 0) return null;

  const openaiStyle = messages.filter((m) => "role" in m).length > messages.filter((m) => "from" in m).length;
  const roleKey = openaiStyle ? "role" : "from";
  const roles = new Set(messages.map((m) => m[roleKey]).filter((r): r is string => typeof r === "string"));
  const toolCalls = messages.some((m) => Array.isArray(m.tool_calls) && m.tool_calls.length > 0);
  const format: Formatting = toolCalls ? "openai" : "sharegpt";

  const tags: Partial<Record<TagName, string | null>> = {};
  if (openaiStyle && format === "sharegpt") {
    Object.assign(tags, { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant", system_tag: "system" });
    tags.observation_tag = pickTag(roles, ["tool", "observation"]) ?? null;
    tags.function_tag = pickTag(roles, ["function_call", "function"]) ?? null;
  } else if (!openaiStyle) {
    // Some sharegpt exports say user/assistant under from/value.
    if (!roles.has("human") && roles.has("user")) tags.user_tag = "user";
    if (!roles.has("gpt") && roles.has("assistant")) tags.assistant_tag = "assistant";
  }

  const chosenRejected = keys.has("chosen") && keys.has("rejected") && rows.some((r) => isObj(r.chosen));
  const kto = boolKey(rows, keys);
  const purpose: DatasetPurpose = chosenRejected ? "preference" : kto ? "kto" : "sft";
  const columns: Partial<Record<ColumnName, string | null>> = {
    messages: messagesCol,
    ...optionalColumns(keys, ["system", "tools", "images", "videos", "audios"]),
  };
  if (kto && !chosenRejected) columns.kto_tag = kto;
  return { fileName, format, purpose, columns, tags };
}

function detectAlpaca(rows: Row[], keys: Set<string>, fileName: string): BuildEntryInput | null {
  const prompt = firstKey(keys, ["instruction", "prompt", "question"]);
  const response = firstKey(keys, ["output", "response", "completion", "answer"]);
  const extras = optionalColumns(keys, ["system", "history", "tools", "images", "videos", "audios"]);
  const stringValued = (k: string) => rows.some((r) => typeof r[k] === "string");

  if (keys.has("chosen") && keys.has("rejected") && stringValued("chosen")) {
    return { fileName, format: "alpaca", purpose: "preference", columns: { prompt: prompt ?? null, query: keys.has("input") ? "input" : null, ...extras } };
  }
  if (prompt && response) {
    const kto = boolKey(rows, keys);
    const columns: Partial<Record<ColumnName, string | null>> = {
      prompt, query: keys.has("input") ? "input" : null, response, ...extras,
    };
    if (kto) columns.kto_tag = kto;
    return { fileName, format: "alpaca", purpose: kto ? "kto" : "sft", columns };
  }
  const text = firstKey(keys, ["text", "content"]);
  if (text && !response && stringValued(text)) return { fileName, format: "alpaca", purpose: "pretrain", columns: { prompt: text } };
  return null;
}

/**
 * Guess the entry from the keys of the first rows. Only a guess: it names the usual LF layouts
 * (alpaca, sharegpt from/value, OpenAI role/content, preference, KTO, plain text) and returns null
 * when the rows fit none of them.
 */
export function detectDatasetInfoEntry(rows: unknown[], fileName: string): { entry: DatasetInfoEntry; purpose: DatasetPurpose } | null {
  const sample = rows.slice(0, SAMPLE_ROWS).filter(isObj);
  if (sample.length === 0) return null;
  const keys = new Set(sample.flatMap((r) => Object.keys(r)));
  const input = detectMessages(sample, keys, fileName) ?? detectAlpaca(sample, keys, fileName);
  if (!input) return null;
  // Columns the guess did not name stay at the format's usual names (buildDatasetInfoEntry's base).
  const columns = Object.fromEntries(Object.entries(input.columns ?? {}).filter(([, v]) => v !== undefined));
  return { entry: buildDatasetInfoEntry({ ...input, columns }), purpose: input.purpose };
}
