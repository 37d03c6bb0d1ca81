import { z } from "zod";

/**
 * One dataset_info.json entry as LLaMA-Factory 0.9.5 reads it (`data/parser.py::DatasetAttr`).
 * Only local-file entries: Modelyard stores the file itself, so hub/script/cloud sources are refused.
 */

export const COLUMN_NAMES = [
  "prompt", "query", "response", "history", "messages", "system", "tools",
  "images", "videos", "audios", "chosen", "rejected", "kto_tag",
] as const;
export type ColumnName = (typeof COLUMN_NAMES)[number];

export const TAG_NAMES = [
  "role_tag", "content_tag", "user_tag", "assistant_tag", "observation_tag", "function_tag", "system_tag",
] as const;
export type TagName = (typeof TAG_NAMES)[number];

export const FORMATTINGS = ["alpaca", "sharegpt", "openai"] as const;
export type Formatting = (typeof FORMATTINGS)[number];

const HUB_KEYS = new Set(["hf_hub_url", "ms_hub_url", "om_hub_url", "script_url", "cloud_file_name"]);

function unknownKeys(where: string, allowed: readonly string[]) {
  return (iss: { code?: string; keys?: string[] }) => {
    if (iss.code !== "unrecognized_keys" || !iss.keys) return undefined;
    const hub = iss.keys.filter((k) => HUB_KEYS.has(k));
    if (hub.length > 0) return `${hub.join(", ")}: Modelyard trains on uploaded files only; remove the key and upload the data file instead`;
    return `Unknown key(s) in ${where}: ${iss.keys.join(", ")}. Allowed: ${allowed.join(", ")}`;
  };
}

// LF accepts null for a column/tag (it means "not used"); an empty string would silently mean the same, so refuse it.
const Name = z.string().min(1, "Use a non-empty name (or leave the key out)").nullable().optional();

const columnShape = Object.fromEntries(COLUMN_NAMES.map((c) => [c, Name])) as Record<ColumnName, typeof Name>;
const tagShape = Object.fromEntries(TAG_NAMES.map((t) => [t, Name])) as Record<TagName, typeof Name>;

export const DatasetColumnsSchema = z.strictObject(columnShape, { error: unknownKeys("columns", COLUMN_NAMES) });
export const DatasetTagsSchema = z.strictObject(tagShape, { error: unknownKeys("tags", TAG_NAMES) });

const ENTRY_KEYS = ["file_name", "formatting", "ranking", "columns", "tags", "subset", "split", "folder", "num_samples"] as const;

// Plain object (no refinements) so callers can .omit()/.pick() it.
export const DatasetInfoEntrySchema = z.strictObject(
  {
    file_name: z.string().min(1, "file_name names the data file next to dataset_info.json"),
    formatting: z.enum(FORMATTINGS, { error: 'formatting must be "alpaca", "sharegpt" or "openai"' }).optional()
      .describe('How rows are read; LF defaults to "alpaca"'),
    ranking: z.boolean({ error: "ranking must be true or false" }).optional()
      .describe("true for preference (chosen/rejected) data used by rm/dpo; default false"),
    columns: DatasetColumnsSchema.optional()
      .describe("Column names; when present, every column left out is unused (LF does not keep its defaults)"),
    tags: DatasetTagsSchema.optional()
      .describe("sharegpt/openai message keys and role values; when present, every tag left out is unused"),
    subset: z.string().optional(),
    split: z.string().optional().describe('default "train"'),
    folder: z.string().optional(),
    num_samples: z.number().int().positive("num_samples must be a positive whole number").optional(),
  },
  { error: unknownKeys("a dataset_info.json entry", ENTRY_KEYS) },
);
export type DatasetInfoEntry = z.infer<typeof DatasetInfoEntrySchema>;

export const DatasetInfoFileSchema = z.record(z.string().min(1), DatasetInfoEntrySchema);
export type DatasetInfoFile = z.infer<typeof DatasetInfoFileSchema>;

export type EffectiveColumns = Record<ColumnName, string | null>;
export type EffectiveTags = Record<TagName, string | null>;

/** DatasetAttr's class defaults, used only when the entry has no `columns` / `tags` object at all. */
export const LF_DEFAULT_COLUMNS: EffectiveColumns = {
  prompt: "instruction", query: "input", response: "output", history: null, messages: "conversations",
  system: null, tools: null, images: null, videos: null, audios: null, chosen: null, rejected: null, kto_tag: null,
};
export const LF_DEFAULT_TAGS: EffectiveTags = {
  role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt",
  observation_tag: "observation", function_tag: "function_call", system_tag: "system",
};

/**
 * The columns LF will use. DatasetAttr.join sets every column from `columns` with default None, so a
 * `columns` object that names only `system` leaves prompt/query/response unset: we reproduce that.
 */
export function effectiveColumns(entry: Pick<DatasetInfoEntry, "columns">): EffectiveColumns {
  if (!entry.columns) return { ...LF_DEFAULT_COLUMNS };
  const cols = entry.columns;
  return Object.fromEntries(COLUMN_NAMES.map((c) => [c, cols[c] ?? null])) as EffectiveColumns;
}

/**
 * The tags LF will use, with the same all-or-nothing rule as columns. "openai" formatting has no tag
 * defaults of its own in 0.9.5: without `tags` it also expects from/value/human/gpt.
 */
export function effectiveTags(entry: Pick<DatasetInfoEntry, "tags">): EffectiveTags {
  if (!entry.tags) return { ...LF_DEFAULT_TAGS };
  const tags = entry.tags;
  return Object.fromEntries(TAG_NAMES.map((t) => [t, tags[t] ?? null])) as EffectiveTags;
}

export function formattingOf(entry: Pick<DatasetInfoEntry, "formatting">): Formatting {
  return entry.formatting ?? "alpaca";
}

export type DatasetPurpose = "sft" | "preference" | "kto" | "pretrain";
export type TrainingStage = "pt" | "sft" | "rm" | "dpo" | "kto";

/**
 * What the entry can train. Mirrors the converter: ranking → pairwise; a kto_tag column → feedback;
 * alpaca with no response column (c4_demo's `columns: {prompt: text}`) → plain text.
 */
export function purposeOf(entry: Pick<DatasetInfoEntry, "ranking" | "columns" | "formatting">): DatasetPurpose {
  if (entry.ranking) return "preference";
  const cols = effectiveColumns(entry);
  if (cols.kto_tag) return "kto";
  if (formattingOf(entry) === "alpaca" && !cols.response) return "pretrain";
  return "sft";
}

/**
 * loader.py refuses a ranking dataset unless stage == "rm" (dpo loads with stage "rm") and a
 * non-ranking one for rm/dpo. Past that gate the processors decide: supervised wants exactly one
 * response (a kto row has two), feedback wants two (only a kto_tag gives them), and pt trains on the
 * first user message alone, so an sft file under pt would silently drop every answer.
 */
export const STAGES_FOR_PURPOSE: Record<DatasetPurpose, TrainingStage[]> = {
  sft: ["sft"],
  preference: ["rm", "dpo"],
  kto: ["kto"],
  pretrain: ["pt"],
};
