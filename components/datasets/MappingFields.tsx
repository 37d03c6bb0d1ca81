"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { labelClass, selectClass } from "@/components/ui/field";
import { TextField } from "@/components/ui/TextField";
import { FORMATTINGS, type Formatting } from "@/lib/datasets/entry-schema";
import { mappingColumns, mappingDefaults, mappingTags, type Mapping } from "./mapping";

type NameFieldsProps<K extends string> = {
  group: "columns" | "tags";
  keys: K[];
  values: Partial<Record<K, string>>;
  defaults: Record<K, string | null>;
  onChange: (key: K, value: string) => void;
};

/** Small fields named by LLaMA-Factory's own keys; an empty one keeps the name shown as its placeholder. */
function NameFields<K extends string>({ group, keys, values, defaults, onChange }: NameFieldsProps<K>) {
  return (
    <div className="grid grid-cols-2 gap-x-3 gap-y-2 sm:grid-cols-3">
      {keys.map((k) => (
        <TextField
          key={k}
          id={`mapping-${group}-${k}`}
          label={<code className="font-mono text-[11px]">{k}</code>}
          value={values[k] ?? ""}
          onChange={(e) => onChange(k, e.target.value)}
          placeholder={defaults[k] ?? "—"}
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          inputClassName="font-mono text-[12px]"
        />
      ))}
    </div>
  );
}

/** The optional "column mapping" of a file on a host; auto-detect leaves the entry to the worker. */
export function MappingFields({ value, onChange }: { value: Mapping; onChange: (m: Mapping) => void }) {
  const { tr } = useI18n();
  const formatting = value.formatting;
  return (
    <fieldset className="space-y-3 rounded-md border border-zinc-200 px-3 pb-3 pt-2" data-testid="mapping">
      <legend className="px-1 text-xs font-semibold text-zinc-700">{tr("datasetMapping.title")}</legend>
      <div>
        <label htmlFor="mapping-formatting" className={labelClass}>{tr("datasetMapping.formatting")}</label>
        <select
          id="mapping-formatting"
          value={formatting}
          onChange={(e) => onChange({ ...value, formatting: e.target.value as Mapping["formatting"] })}
          className={selectClass}
          data-testid="mapping-formatting"
        >
          <option value="auto">{tr("datasetMapping.auto")}</option>
          {FORMATTINGS.map((f) => (
            <option key={f} value={f}>{f}</option>
          ))}
        </select>
        <p className="mt-1.5 text-xs text-zinc-500">{tr(formatting === "auto" ? "datasetMapping.autoHelp" : "datasetMapping.manualHelp")}</p>
      </div>
      {formatting === "auto" ? null : <ManualMapping value={value} formatting={formatting} onChange={onChange} />}
    </fieldset>
  );
}

function ManualMapping({ value, formatting, onChange }: { value: Mapping; formatting: Formatting; onChange: (m: Mapping) => void }) {
  const { tr } = useI18n();
  const defaults = mappingDefaults({ ...value, formatting });
  const tags = mappingTags(formatting);
  return (
    <>
      <label className="flex items-start gap-2 text-sm text-zinc-800">
        <input type="checkbox" checked={value.ranking} onChange={(e) => onChange({ ...value, ranking: e.target.checked })} className="mt-0.5 size-4 rounded border-zinc-300" data-testid="mapping-ranking" />
        <span>
          {tr("datasetMapping.ranking")}
          <span className="block text-xs text-zinc-500">{tr("datasetMapping.rankingHelp")}</span>
        </span>
      </label>
      <div>
        <h3 className="mb-1 text-xs font-medium text-zinc-700">{tr("datasetMapping.columns")}</h3>
        <NameFields group="columns" keys={mappingColumns(formatting, value.ranking)} values={value.columns} defaults={defaults.columns} onChange={(k, v) => onChange({ ...value, columns: { ...value.columns, [k]: v } })} />
      </div>
      {tags.length > 0 ? (
        <div>
          <h3 className="mb-1 text-xs font-medium text-zinc-700">{tr("datasetMapping.tags")}</h3>
          <NameFields group="tags" keys={tags} values={value.tags} defaults={defaults.tags} onChange={(k, v) => onChange({ ...value, tags: { ...value.tags, [k]: v } })} />
        </div>
      ) : null}
      <p className="text-xs text-zinc-500">{tr("datasetMapping.fieldsHelp")}</p>
    </>
  );
}
