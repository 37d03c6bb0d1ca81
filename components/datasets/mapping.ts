import { buildDatasetInfoEntry } from "@/lib/datasets/build-entry";
import {
  effectiveColumns, effectiveTags,
  type ColumnName, type DatasetInfoEntry, type DatasetPurpose, type EffectiveColumns, type EffectiveTags, type Formatting, type TagName,
} from "@/lib/datasets/entry-schema";

/** The register form's "column mapping": "auto" sends no entry, so the worker detects one from the rows. */
export type Mapping = {
  formatting: "auto" | Formatting;
  ranking: boolean;
  columns: Partial<Record<ColumnName, string>>;
  tags: Partial<Record<TagName, string>>;
};

export const EMPTY_MAPPING: Mapping = { formatting: "auto", ranking: false, columns: {}, tags: {} };

export type DatasetEntryBody = Omit<DatasetInfoEntry, "file_name">;

const filled = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/** ranking makes it preference data; a kto_tag column makes it KTO feedback (as LF's converter decides). */
export function mappingPurpose(m: Mapping): DatasetPurpose {
  if (m.ranking) return "preference";
  return filled(m.columns.kto_tag) ? "kto" : "sft";
}

/** The columns worth a field for this formatting; images/videos/audios are left to dataset_info.json. */
export function mappingColumns(formatting: Formatting, ranking: boolean): ColumnName[] {
  const base: ColumnName[] = formatting === "alpaca" ? ["prompt", "query", ...(ranking ? [] : (["response"] as const)), "history", "system"] : ["messages", "system", "tools"];
  return [...base, ...(ranking ? (["chosen", "rejected"] as const) : []), "kto_tag"];
}

/** Tags say how messages are keyed; alpaca rows have no messages. */
export function mappingTags(formatting: Formatting): TagName[] {
  return formatting === "alpaca" ? [] : ["role_tag", "content_tag", "user_tag", "assistant_tag", "system_tag", "observation_tag", "function_tag"];
}

function overrides<K extends string>(values: Partial<Record<K, string>>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [k, v] of Object.entries(values) as [K, string | undefined][]) {
    const f = filled(v);
    if (f) out[k] = f;
  }
  return out;
}

function build(m: Mapping & { formatting: Formatting }) {
  return buildDatasetInfoEntry({ fileName: "-", format: m.formatting, purpose: mappingPurpose(m), columns: overrides(m.columns), tags: overrides(m.tags) });
}

/** What an empty field stands for (its placeholder): the name the generated entry uses without it. */
export function mappingDefaults(m: Mapping & { formatting: Formatting }): { columns: EffectiveColumns; tags: EffectiveTags } {
  const entry = build({ ...m, columns: {}, tags: {} });
  return { columns: effectiveColumns(entry), tags: effectiveTags(entry) };
}

/** The request's `entry`: undefined for auto-detect; otherwise the smallest entry LF reads this way. */
export function entryFromMapping(m: Mapping): DatasetEntryBody | undefined {
  if (m.formatting === "auto") return undefined;
  const { file_name, ...entry } = build({ ...m, formatting: m.formatting });
  return entry;
}
