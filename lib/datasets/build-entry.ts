import {
  COLUMN_NAMES, LF_DEFAULT_COLUMNS, LF_DEFAULT_TAGS, TAG_NAMES,
  type ColumnName, type DatasetInfoEntry, type DatasetPurpose, type EffectiveColumns, type EffectiveTags,
  type Formatting, type TagName,
} from "./entry-schema";

export type BuildEntryInput = {
  fileName: string;
  format: Formatting;
  purpose: DatasetPurpose;
  /** Overrides on top of the usual names for this format and purpose; null removes a column. */
  columns?: Partial<Record<ColumnName, string | null>>;
  tags?: Partial<Record<TagName, string | null>>;
};

const ALPACA_KEYS: ColumnName[] = ["prompt", "query", "response", "history", "system", "tools", "images", "videos", "audios", "chosen", "rejected", "kto_tag"];
const MESSAGE_KEYS: ColumnName[] = ["messages", "system", "tools", "images", "videos", "audios", "chosen", "rejected", "kto_tag"];

/** The columns the converter for `format` actually reads; the others never matter. */
export function relevantColumns(format: Formatting): ColumnName[] {
  return format === "alpaca" ? ALPACA_KEYS : MESSAGE_KEYS;
}

/** OpenAI-style messages: what data/README.md tells users to write, plus "tool" results for openai. */
export const OPENAI_STYLE_TAGS: EffectiveTags = {
  role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant",
  observation_tag: null, function_tag: null, system_tag: "system",
};

function baseColumns(format: Formatting, purpose: DatasetPurpose): Partial<EffectiveColumns> {
  if (format === "alpaca") {
    if (purpose === "pretrain") return { prompt: "text" };
    if (purpose === "preference") return { prompt: "instruction", query: "input", chosen: "chosen", rejected: "rejected" };
    if (purpose === "kto") return { prompt: "instruction", query: "input", response: "output", kto_tag: "kto_tag" };
    return { prompt: "instruction", query: "input", response: "output" };
  }
  const messages = format === "openai" ? "messages" : "conversations";
  if (purpose === "preference") return { messages, chosen: "chosen", rejected: "rejected" };
  if (purpose === "kto") return { messages, kto_tag: "kto_tag" };
  return { messages };
}

function baseTags(format: Formatting): EffectiveTags {
  // LF 0.9.5 gives "openai" no tag defaults, so a generated openai entry must spell out role/content
  // and name "tool" results and the (rewritten) tool-call role, or its converter cannot map them.
  if (format === "openai") return { ...OPENAI_STYLE_TAGS, observation_tag: "tool", function_tag: "function_call" };
  return { ...LF_DEFAULT_TAGS };
}

function withOverrides<K extends string>(base: Record<K, string | null>, over: Partial<Record<K, string | null>> | undefined) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over ?? {}) as [K, string | null | undefined][]) {
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Non-null values only: in a written `columns`/`tags` object a missing key already means "unused". */
function compact<K extends string>(keys: readonly K[], values: Record<K, string | null>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = values[k];
    if (v) out[k] = v;
  }
  return out;
}

/**
 * The dataset_info.json entry for an uploaded file, as small as LF allows. Because a `columns` (or
 * `tags`) object replaces all of LF's defaults, it is either left out entirely (when LF's defaults
 * already fit) or written with every column that is used.
 */
export function buildDatasetInfoEntry(input: BuildEntryInput): DatasetInfoEntry {
  const { fileName, format, purpose } = input;
  const entry: DatasetInfoEntry = { file_name: fileName };
  if (format !== "alpaca") entry.formatting = format;
  if (purpose === "preference") entry.ranking = true;

  const empty = Object.fromEntries(COLUMN_NAMES.map((c) => [c, null])) as EffectiveColumns;
  const columns = withOverrides({ ...empty, ...baseColumns(format, purpose) }, input.columns);
  const relevant = relevantColumns(format);
  if (relevant.some((c) => columns[c] !== LF_DEFAULT_COLUMNS[c])) entry.columns = compact(relevant, columns);

  if (format !== "alpaca") {
    const tags = withOverrides(baseTags(format), input.tags);
    if (TAG_NAMES.some((t) => tags[t] !== LF_DEFAULT_TAGS[t])) entry.tags = compact(TAG_NAMES, tags);
  }
  return entry;
}
