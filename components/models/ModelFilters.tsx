import { labelOr, type Translate } from "@/lib/i18n";
import { FilterBar, FilterSelect } from "@/components/ui/FilterBar";

export const MODEL_KINDS = ["HF_MODEL", "GGUF", "LORA_ADAPTER"] as const;

export function ModelFilters({ values, hosts, tr }: { values: { kind?: string; hostId?: string; q?: string }; hosts: { id: string; name: string }[]; tr: Translate }) {
  const active = Boolean(values.kind || values.hostId || values.q);
  return (
    <FilterBar action="/models" testId="model-filters" search={{ id: "models-q", placeholder: tr("models.searchPlaceholder"), value: values.q }} active={active} tr={tr}>
      <FilterSelect id="models-kind" name="kind" label={tr("models.filterKind")} value={values.kind} options={MODEL_KINDS.map((k) => ({ value: k, label: labelOr(tr, `modelKind.${k}`, k) }))} testId="filter-kind" tr={tr} />
      {/* One host needs no host filter, unless the URL already asks for one. */}
      {hosts.length > 1 || values.hostId ? (
        <FilterSelect id="models-host" name="hostId" label={tr("common.host")} value={values.hostId} options={hosts.map((h) => ({ value: h.id, label: h.name }))} testId="filter-host" tr={tr} />
      ) : null}
    </FilterBar>
  );
}
