import { requireUser } from "@/app/_lib/current-user";
import Link from "next/link";
import { getT } from "@/components/i18n/get-lang";
import { AutoRefresh } from "@/components/jobs/AutoRefresh";
import { CancelJobButton } from "@/components/jobs/CancelJobButton";
import { asFailure } from "@/components/jobs/failure";
import { FailureBox } from "@/components/jobs/FailureBox";
import { jobKindLabel } from "@/components/jobs/job-kind";
import { JobProgress } from "@/components/jobs/JobProgress";
import { JobStatusBadge } from "@/components/jobs/JobStatusBadge";
import { LiveLog } from "@/components/jobs/LiveLog";
import { LIVE_LOG_MAX_LINES } from "@/components/jobs/live-log-limits";
import { listJobStatusEvents } from "@/lib/jobs/events";
import { StatusTimeline, type TimelineEntry } from "@/components/jobs/StatusTimeline";
import { isActiveStatus } from "@/components/jobs/status-style";
import { ModelKindBadge } from "@/components/models/ModelKindBadge";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { CopyButton } from "@/components/ui/CopyButton";
import { JsonBlock } from "@/components/ui/JsonBlock";
import { KeyValueList } from "@/components/ui/KeyValue";
import { PageHeader } from "@/components/ui/PageHeader";
import { DateTime, Duration, RelativeTime } from "@/components/ui/Time";
import { labelOr, type Translate } from "@/lib/i18n";
import { getJob } from "@/lib/jobs/queries";
import { detailPage } from "@/app/_lib/detail-page";
import { TrainingPanel } from "@/components/finetune/TrainingPanel";
import { runAttempts, runIdOf, runPoints } from "@/lib/training/run-metrics";
import { jsonSafe } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

const page = detailPage(getJob, (job) => job.title);
const load = page.load;
export const generateMetadata = page.generateMetadata;

type Job = Awaited<ReturnType<typeof getJob>>;

/**
 * The timeline from the job row's own timestamps (created → started → cancel asked → finished);
 * every status change also shows up inline in the live log.
 */
type StatusEvent = Awaited<ReturnType<typeof listJobStatusEvents>>[number];

/** Built from the job's STATUS events, so requeues after a worker restart show up too. */
function timeline(job: Job, events: StatusEvent[], tr: Translate): TimelineEntry[] {
  const label = (s: string) => labelOr(tr, `status.${s}`, s);
  const out: TimelineEntry[] = events.map((e, i) => ({
    status: e.status,
    title: i === 0 ? `${label(e.status)} · ${tr("job.timeline.created")}` : label(e.status),
    at: e.at,
    note: e.reason ?? undefined,
  }));
  if (job.status === "QUEUED") out.push({ status: null, title: tr("job.timeline.waiting"), at: null, pending: true });
  if (job.cancelRequestedAt && job.status === "RUNNING") out.push({ status: "CANCELLED", title: tr("job.timeline.cancelRequested"), at: job.cancelRequestedAt });
  if (job.status === "RUNNING") out.push({ status: null, title: tr("job.timeline.finished"), at: null, pending: true });
  return out;
}

/** A fine-tune's run (every attempt) and its curve so far; the panel keeps it live. */
async function trainingOf(job: Job) {
  const runId = runIdOf(job);
  const [attempts, points] = await Promise.all([runAttempts(runId), runPoints(runId)]);
  const base = (job.payload as { baseModelId?: unknown } | null)?.baseModelId;
  return { metrics: jsonSafe({ runId, attempts, points }), baseModelId: typeof base === "string" ? base : null };
}

export default async function JobPage({ params }: { params: Params }) {
  await requireUser();
  const { id } = await params;
  const [job, statusEvents, { lang, tr }] = await Promise.all([load(id), listJobStatusEvents(id), getT()]);
  const active = isActiveStatus(job.status);
  const failure = asFailure(job.failure);
  const initialAfter = Math.max(0, job.eventSeq - LIVE_LOG_MAX_LINES);
  const training = job.kind === "model.finetune" ? await trainingOf(job) : null;

  return (
    <>
      <PageHeader
        back={{ href: "/jobs", label: tr("job.back") }}
        title={<span data-testid="job-title">{job.title}</span>}
        meta={
          <>
            <JobStatusBadge status={job.status} tr={tr} />
            <span>{jobKindLabel(job.kind, tr)}</span>
            <span aria-hidden>·</span>
            <Link href={`/hosts/${job.host.id}`} className="hover:text-zinc-900 hover:underline">{job.host.name}</Link>
            <span aria-hidden>·</span>
            <RelativeTime date={job.createdAt} />
          </>
        }
        actions={
          <>
            <AutoRefresh active={active} intervalMs={5000} showIndicator={false} />
            {active ? <CancelJobButton key={job.status} jobId={job.id} cancelRequested={Boolean(job.cancelRequestedAt)} /> : null}
          </>
        }
      />

      <div className="space-y-4">
        <Card>
          <CardBody className="py-4">
            <JobProgress
              status={job.status}
              progress={job.progress}
              label={job.progressLabel ?? labelOr(tr, `status.${job.status}`, job.status)}
              showPercent
              size="md"
              testId="job-progress"
            />
          </CardBody>
        </Card>

        {training ? <TrainingPanel jobId={job.id} initial={training.metrics} baseModelId={training.baseModelId} /> : null}

        {job.status === "QUEUED" && job.waitReason ? (
          <Card data-testid="job-wait-reason">
            <CardHeader title={tr("job.waitReason")} />
            <CardBody className="text-sm text-amber-800">{job.waitReason}</CardBody>
          </Card>
        ) : null}

        {job.status === "FAILED" ? <FailureBox failure={failure} logTail={job.logTail} tr={tr} /> : null}

        {job.status === "SUCCEEDED" ? (
          <Card data-testid="job-result">
            <CardHeader title={tr("job.result")} />
            <CardBody className="space-y-3">
              {job.artifacts.length > 0 ? (
                <div>
                  <h3 className="mb-1.5 text-xs font-medium text-zinc-500">{tr("job.artifacts")}</h3>
                  <ul className="flex flex-wrap gap-2">
                    {job.artifacts.map((a) => (
                      <li key={a.id}>
                        <Link
                          href={`/models/${a.id}`}
                          data-testid="job-artifact"
                          className="inline-flex items-center gap-2 rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-sm font-medium text-zinc-900 hover:border-accent-300 hover:bg-accent-50"
                        >
                          <ModelKindBadge kind={a.kind} tr={tr} />
                          {a.name}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p className="text-sm text-zinc-500">{tr("job.noArtifacts")}</p>
              )}
              {job.result !== null ? <JsonBlock value={job.result} testId="job-result-json" maxHeight="max-h-64" /> : null}
            </CardBody>
          </Card>
        ) : null}

        <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_20rem]">
          <LiveLog jobId={job.id} initialAfter={initialAfter} renderedSeq={job.eventSeq} active={active} />
          <div className="space-y-4">
            <Card>
              <CardHeader title={tr("job.timeline")} />
              <CardBody>
                <StatusTimeline entries={timeline(job, statusEvents, tr)} lang={lang} />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title={tr("job.details")} />
              <CardBody>
                <KeyValueList
                  className="text-xs"
                  items={[
                    {
                      label: tr("job.id"),
                      mono: true,
                      value: (
                        <span className="flex min-w-0 items-center gap-1">
                          <span className="min-w-0 truncate" title={job.id}>{job.id}</span>
                          <CopyButton text={job.id} iconOnly variant="ghost" />
                        </span>
                      ),
                    },
                    { label: tr("common.kind"), value: <code className="text-xs">{job.kind}</code> },
                    { label: tr("job.queue"), value: <code className="text-xs">{job.queue}</code> },
                    { label: tr("common.created"), value: <DateTime date={job.createdAt} /> },
                    { label: tr("job.duration"), value: <Duration start={job.startedAt} end={job.finishedAt} running={job.status === "RUNNING"} /> },
                    { label: tr("job.createdBy"), value: job.createdBy ? job.createdBy.name : "—" },
                    { label: tr("job.deliveries"), value: job.deliveries },
                    ...(job.gpuIndices.length > 0 ? [{ label: tr("job.gpus"), value: <code className="text-xs" data-testid="job-gpus">{job.gpuIndices.join(",")}</code> }] : []),
                    ...(job.parentJobId
                      ? [{ label: tr("job.parent"), value: <Link className="font-mono text-accent-700 hover:underline" href={`/jobs/${job.parentJobId}`}>{job.parentJobId}</Link> }]
                      : []),
                  ]}
                />
                <h3 className="mb-1.5 mt-4 text-xs font-medium text-zinc-500">{tr("job.payload")}</h3>
                <JsonBlock value={job.payload} maxHeight="max-h-48" />
              </CardBody>
            </Card>
          </div>
        </div>
      </div>
    </>
  );
}
