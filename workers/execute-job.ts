import { failureFrom } from "../lib/jobs/failure";
import { JOB_KINDS, isJobKind } from "../lib/jobs/kinds";
import { finishJob, heartbeatJob, requeueJob } from "../lib/jobs/lifecycle";
import { claimJob } from "../lib/jobs/transitions";
import { JobContext, type WorkerHost } from "./job-context";
import { AbortedError } from "./runner/run-tool";
import { HANDLERS } from "./handlers";

export type ActiveJob = { jobId: string; abort: (why: "cancel" | "shutdown" | "lost") => void };

type Deps = {
  host: WorkerHost;
  workerInstance: string;
  heartbeatMs: number;
  active: Map<string, ActiveJob>;
  /** GPU indices this worker hands out (nvidia-smi numbering). */
  gpuSlots: readonly number[];
  /** Called when a job that held GPUs ends, so jobs waiting for one are delivered again at once. */
  onGpusFreed?: () => void;
};

/** The job stays QUEUED: the host has no free slot for it now; `reason` is on the row too. */
export type Deferred = { waiting: string };

/**
 * Runs one delivered job: claim (compare-and-set), heartbeat while it runs, finish with the
 * outcome. A delivery that loses the claim does nothing, so duplicate deliveries are harmless;
 * one that finds no free GPU answers Deferred and the caller delivers it again later.
 */
export async function executeJob(jobId: string, deps: Deps): Promise<Deferred | undefined> {
  const claim = await claimJob(jobId, deps.workerInstance, { hostName: deps.host.name, gpuSlots: deps.gpuSlots });
  if (!claim) return;
  if ("waiting" in claim) return claim;
  const job = claim.claimed;

  const controller = new AbortController();
  let why: "cancel" | "shutdown" | "lost" | null = null;
  const abort = (reason: "cancel" | "shutdown" | "lost") => {
    why ??= reason;
    controller.abort();
  };
  deps.active.set(jobId, { jobId, abort });

  const beat = setInterval(() => {
    heartbeatJob(jobId, deps.workerInstance)
      .then((a) => {
        if (!a.held) abort("lost");
        else if (a.cancelRequested) abort("cancel");
      })
      .catch(() => undefined);
  }, deps.heartbeatMs);

  let ctx: JobContext | null = null;
  try {
    if (!isJobKind(job.kind)) throw new Error(`this worker has no handler for job kind ${job.kind}`);
    const payload = JOB_KINDS[job.kind].payload.parse(job.payload);
    ctx = new JobContext(job, payload, deps.host, deps.workerInstance, controller.signal);
    if (job.cancelRequestedAt) abort("cancel");
    const result = await HANDLERS[job.kind](ctx as JobContext<never>);
    await ctx.sink.close();
    await finishJob(jobId, deps.workerInstance, { status: "SUCCEEDED", result: (result ?? {}) as object });
  } catch (err) {
    if (ctx) {
      if (!(err instanceof AbortedError)) ctx.log(`error: ${(err as Error).message}`);
      await ctx.sink.close().catch(() => undefined);
    }
    const logTail = ctx?.sink.logTail();
    if (err instanceof AbortedError || why) {
      if (why === "shutdown") await requeueJob(jobId, deps.workerInstance, "worker shut down; the job will run again");
      else if (why === "cancel") await finishJob(jobId, deps.workerInstance, { status: "CANCELLED", logTail });
      // "lost": someone else (the sweeper) already decided this job's fate.
    } else {
      await finishJob(jobId, deps.workerInstance, { status: "FAILED", failure: failureFrom(err), logTail });
    }
  } finally {
    clearInterval(beat);
    deps.active.delete(jobId);
    if (job.gpuIndices.length) deps.onGpusFreed?.();
  }
}
