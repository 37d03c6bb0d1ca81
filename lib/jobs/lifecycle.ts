import { db, type Job, type Prisma } from "../db/client";
import { appendJobEvents } from "./events";
import type { JobFailure } from "./failure";

/**
 * QUEUED -> RUNNING for exactly one worker instance, returning the row; null when someone else
 * has it or it was cancelled. The caller records the RUNNING event (through its ordered sink).
 */
export async function claimJob(jobId: string, workerInstance: string): Promise<Job | null> {
  const now = new Date();
  try {
    return await db.job.update({
      where: { id: jobId, status: "QUEUED", cancelRequestedAt: null },
      data: {
        status: "RUNNING",
        claimedBy: workerInstance,
        claimedAt: now,
        heartbeatAt: now,
        startedAt: now,
        deliveredAt: now,
        deliveries: { increment: 1 },
      },
    });
  } catch (err) {
    if ((err as { code?: string }).code === "P2025") return null;
    throw err;
  }
}

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
  const { count } = await db.job.updateMany({
    where: { id: jobId, status: "RUNNING", claimedBy: workerInstance },
    data: {
      status: outcome.status,
      finishedAt: new Date(),
      ...(outcome.status === "SUCCEEDED" ? { result: outcome.result ?? {}, progress: 1 } : {}),
      ...(outcome.status === "FAILED" ? { failure: outcome.failure, logTail: outcome.logTail } : {}),
      ...(outcome.status === "CANCELLED" ? { logTail: outcome.logTail } : {}),
    },
  });
  if (count === 1) {
    const extra = outcome.status === "FAILED" ? { failure: outcome.failure } : {};
    await appendJobEvents(jobId, [{ type: "STATUS", payload: { status: outcome.status, ...extra } }]);
  }
  return count === 1;
}

/** A worker shutting down hands its job back so it runs again instead of being lost. */
export async function requeueJob(jobId: string, workerInstance: string, reason: string): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id: jobId, status: "RUNNING", claimedBy: workerInstance },
    data: { status: "QUEUED", claimedBy: null, claimedAt: null, heartbeatAt: null, enqueuedAt: null, deliveredAt: null, progress: null, progressLabel: null },
  });
  if (count === 1) await appendJobEvents(jobId, [{ type: "STATUS", payload: { status: "QUEUED", reason } }]);
  return count === 1;
}
