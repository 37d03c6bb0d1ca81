import { db, type Prisma } from "../db/client";
import { moveJob } from "./transitions";
import type { JobFailure } from "./failure";

export type HeartbeatAnswer = { held: boolean; cancelRequested: boolean };

/** Keeps the claim alive and reads back whether a cancel was asked for. */
export async function heartbeatJob(jobId: string, workerInstance: string): Promise<HeartbeatAnswer> {
  const rows = await db.$queryRaw<{ cancelRequestedAt: Date | null }[]>`
    UPDATE "Job" SET "heartbeatAt" = now()
    WHERE id = ${jobId} AND status = 'RUNNING' AND "claimedBy" = ${workerInstance}
    RETURNING "cancelRequestedAt"`;
  if (rows.length === 0) return { held: false, cancelRequested: false };
  return { held: true, cancelRequested: rows[0].cancelRequestedAt !== null };
}

export async function setJobProgress(jobId: string, workerInstance: string, value: number, label?: string): Promise<void> {
  await db.job.updateMany({
    where: { id: jobId, status: "RUNNING", claimedBy: workerInstance },
    data: { progress: Math.max(0, Math.min(1, value)), progressLabel: label ?? null },
  });
}

export type JobOutcome =
  | { status: "SUCCEEDED"; result?: Prisma.InputJsonValue }
  | { status: "FAILED"; failure: JobFailure; logTail?: string }
  | { status: "CANCELLED"; logTail?: string };

/** RUNNING -> terminal, only by the instance that holds the claim. */
export async function finishJob(jobId: string, workerInstance: string, outcome: JobOutcome): Promise<boolean> {
  return moveJob(jobId, {
    from: "RUNNING",
    to: outcome.status,
    claimedBy: workerInstance,
    data: {
      finishedAt: new Date(),
      ...(outcome.status === "SUCCEEDED" ? { result: outcome.result ?? {}, progress: 1 } : {}),
      ...(outcome.status === "FAILED" ? { failure: outcome.failure, logTail: outcome.logTail } : {}),
      ...(outcome.status === "CANCELLED" ? { logTail: outcome.logTail } : {}),
    },
    event: outcome.status === "FAILED" ? { failure: outcome.failure } : {},
  });
}

/** A worker shutting down hands its job back so it runs again instead of being lost; its GPUs go back too. */
export async function requeueJob(jobId: string, workerInstance: string, reason: string): Promise<boolean> {
  return moveJob(jobId, {
    from: "RUNNING",
    to: "QUEUED",
    claimedBy: workerInstance,
    data: { claimedBy: null, claimedAt: null, heartbeatAt: null, enqueuedAt: null, deliveredAt: null, progress: null, progressLabel: null, gpuIndices: [] },
    event: { reason },
  });
}
