import { requireUser } from "@/app/_lib/current-user";
import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/components/i18n/get-lang";
import { AutoRefresh } from "@/components/jobs/AutoRefresh";
import { JobsTable } from "@/components/jobs/JobsTable";
import { isActiveStatus, JOB_STATUS_STYLE } from "@/components/jobs/status-style";
import { buttonClass } from "@/components/ui/Button";
import { StatCard } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { JobsIcon, PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/PageHeader";
import { listHosts } from "@/lib/hosts/queries";
import { jobCounts, listJobs } from "@/lib/jobs/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { tr } = await getT();
  return { title: tr("overview.title") };
}

export default async function OverviewPage() {
  await requireUser();
  const [{ tr }, hosts, counts, recent] = await Promise.all([getT(), listHosts(), jobCounts(), listJobs({ limit: 10 })]);
  const online = hosts.filter((h) => h.online).length;
  const anyActive = counts.RUNNING > 0 || counts.QUEUED > 0 || recent.items.some((j) => isActiveStatus(j.status));

  return (
    <>
      <PageHeader
        title={tr("overview.title")}
        description={tr("overview.subtitle")}
        actions={
          <>
            <AutoRefresh active={anyActive} intervalMs={3000} />
            <Link href="/models/import" className={buttonClass("primary", "md")}>
              <PlusIcon className="size-4" />
              {tr("overview.quickImport")}
            </Link>
          </>
        }
      />
      <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard
          testId="stat-hosts"
          href="/hosts"
          label={tr("overview.hostsOnline")}
          value={
            <span>
              {online}
              <span className="text-base font-normal text-zinc-400"> / {hosts.length}</span>
            </span>
          }
          sub={hosts.length === 0 ? tr("hosts.empty") : hosts.length > online ? tr("overview.offline", { count: hosts.length - online }) : undefined}
          tone={hosts.length > 0 && online === 0 ? "text-red-600" : undefined}
        />
        <StatCard testId="stat-running" href="/jobs?status=RUNNING" label={tr("overview.jobsRunning")} value={counts.RUNNING} tone={counts.RUNNING > 0 ? JOB_STATUS_STYLE.RUNNING.text : undefined} />
        <StatCard testId="stat-queued" href="/jobs?status=QUEUED" label={tr("overview.jobsQueued")} value={counts.QUEUED} />
        <StatCard testId="stat-failed" href="/jobs?status=FAILED" label={tr("overview.jobsFailed")} value={counts.FAILED} tone={counts.FAILED > 0 ? JOB_STATUS_STYLE.FAILED.text : undefined} />
      </div>

      <section>
        <div className="mb-2 flex items-center justify-between">
          <h2 className="text-sm font-semibold text-zinc-900">{tr("overview.recent")}</h2>
          {recent.items.length > 0 ? (
            <Link href="/jobs" className="text-xs font-medium text-accent-700 hover:underline">{tr("common.viewAll")}</Link>
          ) : null}
        </div>
        {recent.items.length === 0 ? (
          <EmptyState
            testId="overview-empty"
            icon={<JobsIcon className="size-5" />}
            title={tr("overview.noJobs")}
            body={tr("overview.noJobsBody")}
            action={
              <>
                <Link href="/models/import" className={buttonClass("primary", "sm")}>{tr("overview.quickImport")}</Link>
                {hosts.length === 0 ? <Link href="/hosts" className={buttonClass("secondary", "sm")}>{tr("overview.quickHosts")}</Link> : null}
              </>
            }
          />
        ) : (
          <JobsTable jobs={recent.items} tr={tr} />
        )}
      </section>
    </>
  );
}
