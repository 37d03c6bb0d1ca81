import { FilterBar, FilterSelect } from "@/components/ui/FilterBar";
import { DATASET_PURPOSES } from "@/lib/dataset-records/queries";
import { labelOr, type Translate } from "@/lib/i18n";

export function DatasetFilters({ values, hosts, tr }: { values: { purpose?: string; hostId?: string; q?: string }; hosts: { id: string; name: string }[]; tr: Translate }) {
  const active = Boolean(values.purpose || values.hostId || values.q);
  return (
    <FilterBar action="/datasets" testId="dataset-filters" search={{ id: "datasets-q", placeholder: tr("datasets.searchPlaceholder"), value: values.q }} active={active} tr={tr}>
      <FilterSelect id="datasets-purpose" name="purpose" label={tr("datasets.colPurpose")} value={values.purpose} options={DATASET_PURPOSES.map((p) => ({ value: p, label: labelOr(tr, `datasets.purpose.${p}`, p) }))} testId="filter-purpose" tr={tr} />
      {/* One host needs no host filter, unless the URL already asks for one. */}
      {hosts.length > 1 || values.hostId ? (
        <FilterSelect id="datasets-host" name="hostId" label={tr("common.host")} value={values.hostId} options={hosts.map((h) => ({ value: h.id, label: h.name }))} testId="filter-host" tr={tr} />
      ) : null}
    </FilterBar>
  );
}
