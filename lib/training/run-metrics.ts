import { db } from "../db/client";
import { AppError, notFound } from "../errors";
import type { TrainerPoint } from "../tools/llamafactory/trainer-log";

/** A chart point as the worker logged it (trainer-log.ts), with the attempt that logged it. */
export type TrainPoint = TrainerPoint & {
  totalSteps?: number;
  /** Index of the attempt (0 = first) that logged the point. */
  attempt: number;
};

const FINETUNE = "model.finetune";

/** The run a fine-tune job belongs to: its first attempt's id (attempts carry it as payload.runId). */
export function runIdOf(job: { id: string; payload: unknown }): string {
  const p = job.payload as { runId?: unknown } | null;
  return typeof p?.runId === "string" ? p.runId : job.id;
}

export async function getFinetuneJob(id: string) {
  const job = await db.job.findUnique({ where: { id } });
  if (!job) throw notFound("Job", id);
  if (job.kind !== FINETUNE) throw new AppError(409, "not_a_finetune", `Job ${id} is a ${job.kind} job, not a fine-tune`, "Open a fine-tune run.");
  return job;
}

/** Node rank of a multi-node part (0 for single-node runs and for the master part). */
export const nodeRankOf = (payload: unknown) => {
  const rank = (payload as { node?: { rank?: unknown } } | null)?.node?.rank;
  return typeof rank === "number" ? rank : 0;
};

/** Every attempt of a run, oldest first; an attempt of a multi-node run is its rank-0 part. */
export async function runAttempts(runId: string) {
  const jobs = await db.job.findMany({
    where: { kind: FINETUNE, OR: [{ id: runId }, { payload: { path: ["runId"], equals: runId } }] },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, createdAt: true, startedAt: true, finishedAt: true, progress: true, progressLabel: true, payload: true, title: true, result: true, hostId: true },
  });
  return jobs.filter((j) => nodeRankOf(j.payload) === 0);
}

/**
 * The run's training curve: the `train` metric events of all its attempts in order. A resumed
 * attempt continues the step count, so each attempt starts a new segment of the chart.
 */
export async function runPoints(runId: string): Promise<TrainPoint[]> {
  const attempts = await runAttempts(runId);
  const events = await db.jobEvent.findMany({
    where: { jobId: { in: attempts.map((a) => a.id) }, type: "METRIC", payload: { path: ["name"], equals: "train" } },
    orderBy: [{ jobId: "asc" }, { seq: "asc" }],
    select: { jobId: true, payload: true },
  });
  const out: TrainPoint[] = [];
  let segmentBase = 0;
  attempts.forEach((a, attempt) => {
    let maxSegment = -1;
    for (const e of events) {
      if (e.jobId !== a.id) continue;
      const p = e.payload as Record<string, unknown>;
      const num = (k: string) => (typeof p[k] === "number" ? (p[k] as number) : undefined);
      const step = num("step");
      if (step === undefined) continue;
      const seg = num("segment") ?? 0;
      maxSegment = Math.max(maxSegment, seg);
      out.push({ step, totalSteps: num("totalSteps"), epoch: num("epoch"), loss: num("loss"), evalLoss: num("evalLoss"), lr: num("lr"), throughput: num("throughput"), vramGiB: num("vramGiB"), segment: segmentBase + seg, attempt });
    }
    segmentBase += maxSegment + 1;
  });
  return out;
}
