import { requireUser } from "@/app/_lib/current-user";
import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/components/i18n/get-lang";
import { AutoRefresh } from "@/components/jobs/AutoRefresh";
import { JobFilters, type JobFilterValues } from "@/components/jobs/JobFilters";
import { JobsTable } from "@/components/jobs/JobsTable";
import { isActiveStatus } from "@/components/jobs/status-style";
import { buttonClass } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { ChevronRightIcon, JobsIcon, PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/PageHeader";
import { listHosts } from "@/lib/hosts/queries";
import { JOB_KIND_NAMES } from "@/lib/jobs/kinds";
import { listJobs, ListJobsQuerySchema } from "@/lib/jobs/queries";
import { JOB_STATUSES } from "@/lib/jobs/status";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const { tr } = await getT();
  return { title: tr("jobs.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function one(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? s.trim() : undefined;
}

/** Keeps only the filters the query schema accepts; a bad value is dropped, not an error page. */
function readFilters(sp: Record<string, string | string[] | undefined>) {
  const raw = { status: one(sp.status), kind: one(sp.kind), hostId: one(sp.hostId), q: one(sp.q), cursor: one(sp.cursor) };
  const out: JobFilterValues & { cursor?: string } = {};
  for (const key of Object.keys(raw) as (keyof typeof raw)[]) {
    const value = raw[key];
    if (value === undefined) continue;
    if (ListJobsQuerySchema.shape[key].safeParse(value).success) out[key] = value;
  }
  return out;
}

function hrefWith(filters: JobFilterValues, cursor?: string): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
  if (cursor) p.set("cursor", cursor);
  const s = p.toString();
  return s ? `/jobs?${s}` : "/jobs";
}

export default async function JobsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const sp = await searchParams;
  const { cursor, ...filters } = readFilters(sp);
  const [{ tr }, hosts, page] = await Promise.all([
    getT(),
    listHosts(),
    listJobs({ ...(filters as Omit<JobFilterValues, "status">), status: filters.status as (typeof JOB_STATUSES)[number] | undefined, cursor, limit: PAGE_SIZE }),
  ]);
  const filtered = Boolean(filters.status || filters.kind || filters.hostId || filters.q);
  const anyActive = page.items.some((j) => isActiveStatus(j.status));
  const kinds = Array.from(new Set<string>([...JOB_KIND_NAMES, ...(filters.kind ? [filters.kind] : [])]));

  return (
    <>
      <PageHeader
        title={tr("jobs.title")}
        description={tr("jobs.subtitle")}
        actions={
          <>
            <AutoRefresh active={anyActive} intervalMs={3000} />
            <Link href="/models/import" className={buttonClass("primary", "md")}>
              <PlusIcon className="size-4" />
              {tr("models.import")}
            </Link>
          </>
        }
      />
      <JobFilters key={JSON.stringify(filters)} values={filters} statuses={JOB_STATUSES} kinds={kinds} hosts={hosts.map((h) => ({ id: h.id, name: h.name }))} tr={tr} />
      {page.items.length === 0 ? (
        <EmptyState
          testId="jobs-empty"
          icon={<JobsIcon className="size-5" />}
          title={filtered || cursor ? tr("jobs.empty") : tr("jobs.emptyAll")}
          body={tr("jobs.emptyBody")}
          action={
            filtered || cursor ? (
              <Link href="/jobs" className={buttonClass("secondary", "sm")}>{tr("common.clear")}</Link>
            ) : (
              <Link href="/models/import" className={buttonClass("primary", "sm")}>{tr("models.import")}</Link>
            )
          }
        />
      ) : (
        <JobsTable jobs={page.items} tr={tr} />
      )}
      {cursor || page.nextCursor ? (
        <nav className="mt-3 flex items-center justify-end gap-2" aria-label="pagination">
          {cursor ? (
            <Link href={hrefWith(filters)} className={buttonClass("ghost", "sm")} data-testid="jobs-first-page">
              {tr("common.firstPage")}
            </Link>
          ) : null}
          {page.nextCursor ? (
            <Link href={hrefWith(filters, page.nextCursor)} className={buttonClass("secondary", "sm")} data-testid="jobs-next-page">
              {tr("common.nextPage")}
              <ChevronRightIcon className="size-3.5" />
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
