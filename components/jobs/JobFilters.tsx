import Form from "next/form";
import Link from "next/link";
import { labelOr, type Translate } from "@/lib/i18n";
import { Button, buttonClass } from "@/components/ui/Button";
import { filterSelectClass } from "@/components/ui/field";
import { jobKindLabel } from "./job-kind";
import { SearchBox } from "@/components/ui/SearchBox";

export type JobFilterValues = { status?: string; kind?: string; hostId?: string; q?: string };

/** GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function JobFilters({ values, statuses, kinds, hosts, tr }: {
  values: JobFilterValues;
  statuses: readonly string[];
  kinds: readonly string[];
  hosts: { id: string; name: string }[];
  tr: Translate;
}) {
  const any = Boolean(values.status || values.kind || values.hostId || values.q);
  return (
    <Form action="/jobs" data-testid="job-filters" className="mb-4 flex flex-wrap items-end gap-2">
      <SearchBox id="jobs-q" label={tr("common.search")} placeholder={tr("jobs.searchPlaceholder")} defaultValue={values.q} />
      <label className="sr-only" htmlFor="jobs-status">{tr("jobs.filterStatus")}</label>
      <select id="jobs-status" name="status" defaultValue={values.status ?? ""} className={filterSelectClass} data-testid="filter-status">
        <option value="">{tr("jobs.filterStatus")}: {tr("common.all")}</option>
        {statuses.map((s) => (
          <option key={s} value={s}>{labelOr(tr, `status.${s}`, s)}</option>
        ))}
      </select>
      <label className="sr-only" htmlFor="jobs-kind">{tr("jobs.filterKind")}</label>
      <select id="jobs-kind" name="kind" defaultValue={values.kind ?? ""} className={filterSelectClass} data-testid="filter-kind">
        <option value="">{tr("jobs.filterKind")}: {tr("common.all")}</option>
        {kinds.map((k) => (
          <option key={k} value={k}>{jobKindLabel(k, tr)}</option>
        ))}
      </select>
      <label className="sr-only" htmlFor="jobs-host">{tr("jobs.filterHost")}</label>
      <select id="jobs-host" name="hostId" defaultValue={values.hostId ?? ""} className={filterSelectClass} data-testid="filter-host">
        <option value="">{tr("jobs.filterHost")}: {tr("common.all")}</option>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>{h.name}</option>
        ))}
      </select>
      <Button type="submit" variant="secondary" data-testid="filter-submit">{tr("common.filter")}</Button>
      {any ? (
        <Link href="/jobs" className={buttonClass("ghost", "md")}>{tr("common.clear")}</Link>
      ) : null}
    </Form>
  );
}
