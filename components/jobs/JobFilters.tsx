import { labelOr, type Translate } from "@/lib/i18n";
import { FilterBar, FilterSelect } from "@/components/ui/FilterBar";
import { jobKindLabel } from "./job-kind";

export type JobFilterValues = { status?: string; kind?: string; hostId?: string; q?: string };

export function JobFilters({ values, statuses, kinds, hosts, tr }: {
  values: JobFilterValues;
  statuses: readonly string[];
  kinds: readonly string[];
  hosts: { id: string; name: string }[];
  tr: Translate;
}) {
  const active = Boolean(values.status || values.kind || values.hostId || values.q);
  return (
    <FilterBar action="/jobs" testId="job-filters" search={{ id: "jobs-q", placeholder: tr("jobs.searchPlaceholder"), value: values.q }} active={active} tr={tr}>
      <FilterSelect id="jobs-status" name="status" label={tr("jobs.filterStatus")} value={values.status} options={statuses.map((s) => ({ value: s, label: labelOr(tr, `status.${s}`, s) }))} testId="filter-status" tr={tr} />
      <FilterSelect id="jobs-kind" name="kind" label={tr("jobs.filterKind")} value={values.kind} options={kinds.map((k) => ({ value: k, label: jobKindLabel(k, tr) }))} testId="filter-kind" tr={tr} />
      <FilterSelect id="jobs-host" name="hostId" label={tr("jobs.filterHost")} value={values.hostId} options={hosts.map((h) => ({ value: h.id, label: h.name }))} testId="filter-host" tr={tr} />
    </FilterBar>
  );
}
