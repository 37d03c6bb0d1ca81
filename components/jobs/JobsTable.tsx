import Link from "next/link";
import type { listJobs } from "@/lib/jobs/queries";
import type { Translate } from "@/lib/i18n";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/Table";
import { Duration, RelativeTime } from "@/components/ui/Time";
import { asFailure } from "./failure";
import { jobKindLabel } from "./job-kind";
import { JobProgress } from "./JobProgress";
import { JobStatusBadge } from "./JobStatusBadge";

export type JobListItem = Awaited<ReturnType<typeof listJobs>>["items"][number];

/** Jobs as rows: title (and why a queued one waits), kind, host, status (and the GPUs it holds or held), progress, created, duration. */
export function JobsTable({ jobs, tr, hideHost }: { jobs: JobListItem[]; tr: Translate; hideHost?: boolean }) {
  return (
    <Table data-testid="jobs-table">
      <THead>
        <tr>
          <Th>{tr("jobs.colTitle")}</Th>
          <Th>{tr("jobs.colKind")}</Th>
          {hideHost ? null : <Th>{tr("jobs.colHost")}</Th>}
          <Th>{tr("jobs.colStatus")}</Th>
          <Th className="w-40">{tr("jobs.colProgress")}</Th>
          <Th>{tr("jobs.colCreated")}</Th>
          <Th className="text-right">{tr("jobs.colDuration")}</Th>
        </tr>
      </THead>
      <TBody>
        {jobs.map((job) => {
          const failure = asFailure(job.failure);
          return (
            <Tr key={job.id} data-testid="job-row" data-job-id={job.id} data-status={job.status}>
              <Td className="max-w-[28rem]">
                <Link href={`/jobs/${job.id}`} className="block truncate font-medium text-zinc-900 hover:text-accent-700 hover:underline" title={job.title}>
                  {job.title}
                </Link>
                {job.status === "QUEUED" && job.waitReason ? (
                  <div className="truncate text-xs text-amber-700" title={job.waitReason} data-testid="job-wait-reason">
                    {job.waitReason}
                  </div>
                ) : null}
                {job.status === "FAILED" && failure ? (
                  <div className="truncate text-xs text-red-600" title={failure.message}>
                    {failure.message}
                  </div>
                ) : null}
              </Td>
              <Td className="whitespace-nowrap text-zinc-600">{jobKindLabel(job.kind, tr)}</Td>
              {hideHost ? null : (
                <Td className="whitespace-nowrap">
                  <Link href={`/hosts/${job.hostId}`} className="text-zinc-600 hover:text-zinc-900 hover:underline">
                    {job.host.name}
                  </Link>
                </Td>
              )}
              <Td>
                <JobStatusBadge status={job.status} tr={tr} />
                {job.status !== "QUEUED" && job.gpuIndices.length > 0 ? (
                  <div className="mt-0.5 whitespace-nowrap font-mono text-[11px] text-zinc-500" data-testid="job-gpus">
                    {tr("jobs.onGpus", { indices: job.gpuIndices.join(",") })}
                  </div>
                ) : null}
              </Td>
              <Td>
                <JobProgress status={job.status} progress={job.progress} size="xs" className="w-36" />
                {job.status === "RUNNING" && job.progressLabel ? <div className="mt-0.5 truncate text-[11px] text-zinc-500">{job.progressLabel}</div> : null}
              </Td>
              <Td className="whitespace-nowrap text-zinc-500">
                <RelativeTime date={job.createdAt} />
              </Td>
              <Td className="whitespace-nowrap text-right text-zinc-600">
                <Duration start={job.startedAt} end={job.finishedAt} running={job.status === "RUNNING"} />
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
