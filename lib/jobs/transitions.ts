import { db, type Job, type JobStatus, type Prisma } from "../db/client";
import { appendJobEvents } from "./events";
import { pickGpus } from "./resources";
import { canTransition } from "./status";

/**
 * Every write of `Job.status` goes through this module: a compare-and-set on the current status
 * (and on the holder where a worker holds the job), checked against the table in status.ts, with
 * the STATUS event appended by the writer that won. Callers never write `status` themselves.
 */

export class TransitionRefused extends Error {
  constructor(
    readonly from: JobStatus,
    readonly to: JobStatus,
  ) {
    super(`a job cannot move from ${from} to ${to}`);
    this.name = "TransitionRefused";
  }
}

/** The part of a Prisma client a transition writes with: the app's client or a transaction's. */
export type JobWriter = { job: { updateMany: (args: { where: Prisma.JobWhereInput; data: Prisma.JobUpdateManyMutationInput }) => Promise<{ count: number }> } };

export type Move = {
  from: JobStatus;
  to: JobStatus;
  /** Compared too when set: only the worker instance that holds the job may move it. */
  claimedBy?: string | null;
  /** Further conditions the row must meet (e.g. no cancel asked). */
  where?: Prisma.JobWhereInput;
  data?: Omit<Prisma.JobUpdateManyMutationInput, "status">;
  /** Extra fields of the STATUS event; `false` when the caller appends it after its transaction. */
  event?: Record<string, unknown> | false;
};

/** Throws before touching the database when the table forbids the move: that is a bug, not a race. */
export function assertTransition(from: JobStatus, to: JobStatus): void {
  if (!canTransition(from, to)) throw new TransitionRefused(from, to);
}

/** Compare-and-set without the event; true when this writer moved the row. */
export async function casStatus(client: JobWriter, jobId: string, m: Move): Promise<boolean> {
  assertTransition(m.from, m.to);
  const leavingQueue = m.from === "QUEUED" ? { waitReason: null, waitingSince: null } : {};
  const { count } = await client.job.updateMany({
    where: { ...m.where, id: jobId, status: m.from, ...(m.claimedBy !== undefined ? { claimedBy: m.claimedBy } : {}) },
    data: { ...leavingQueue, ...m.data, status: m.to },
  });
  return count === 1;
}

/** Moves a job and records the STATUS event; false when the row was no longer in `from` (someone else won). */
export async function moveJob(jobId: string, m: Move, client: JobWriter = db): Promise<boolean> {
  const moved = await casStatus(client, jobId, m);
  if (moved && m.event !== false) await appendJobEvents(jobId, [{ type: "STATUS", payload: { status: m.to, ...m.event } }]);
  return moved;
}

export type ClaimAnswer = { claimed: Job } | { waiting: string } | null;

export type ClaimOptions = { hostName: string; gpuSlots: readonly number[] };

/**
 * QUEUED -> RUNNING for one worker instance, taking the GPU slots the job asked for. Jobs that
 * need GPUs claim under a per-host advisory lock, so two claims never count the same index as
 * free. When too few are free nothing is claimed: the row keeps QUEUED with `waitReason`, and
 * the answer says why so the worker can hand the delivery back for later.
 * Answers null when the job is gone, taken, cancelled or already finished.
 */
export async function claimJob(jobId: string, workerInstance: string, opts: ClaimOptions): Promise<ClaimAnswer> {
  const claim = () => {
    const now = new Date();
    return { claimedBy: workerInstance, claimedAt: now, heartbeatAt: now, startedAt: now, deliveredAt: now, deliveries: { increment: 1 } };
  };
  // Jobs that need no GPU claim in one statement, as fast as before GPU slots existed.
  let answer: ClaimAnswer = await claimWithoutGpus(jobId, claim());
  if (!answer) {
    answer = await db.$transaction(async (tx): Promise<ClaimAnswer> => {
      const row = await tx.job.findUnique({ where: { id: jobId }, select: { status: true, cancelRequestedAt: true, hostId: true, gpusRequested: true, shareGpus: true } });
      if (!row || row.status !== "QUEUED" || row.cancelRequestedAt || row.gpusRequested === 0) return null;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`modelyard-gpus:${row.hostId}`}, 0))`;
      const holders = await tx.job.findMany({
        where: { hostId: row.hostId, status: "RUNNING", NOT: { gpuIndices: { isEmpty: true } } },
        select: { gpuIndices: true, shareGpus: true },
      });
      const pick = pickGpus(opts.gpuSlots, holders, row.gpusRequested, row.shareGpus, opts.hostName);
      if (!pick.ok) {
        await tx.job.updateMany({ where: { id: jobId, status: "QUEUED", waitingSince: null }, data: { waitingSince: new Date() } });
        await tx.job.updateMany({ where: { id: jobId, status: "QUEUED" }, data: { waitReason: pick.reason } });
        return { waiting: pick.reason };
      }
      const moved = await casStatus(tx, jobId, { from: "QUEUED", to: "RUNNING", where: { cancelRequestedAt: null }, data: { ...claim(), gpuIndices: pick.indices } });
      return moved ? { claimed: await tx.job.findUniqueOrThrow({ where: { id: jobId } }) } : null;
    });
  }
  // After the commit: the event bumps the row's eventSeq, which the transaction held locked.
  if (answer && "claimed" in answer) {
    const gpus = answer.claimed.gpuIndices.length ? { gpuIndices: answer.claimed.gpuIndices } : {};
    await appendJobEvents(jobId, [{ type: "STATUS", payload: { status: "RUNNING", worker: workerInstance, ...gpus } }]);
  }
  return answer;
}

async function claimWithoutGpus(jobId: string, claim: Prisma.JobUpdateInput): Promise<ClaimAnswer> {
  assertTransition("QUEUED", "RUNNING");
  try {
    const claimed = await db.job.update({
      where: { id: jobId, status: "QUEUED", cancelRequestedAt: null, gpusRequested: 0 },
      data: { ...claim, status: "RUNNING", waitReason: null, waitingSince: null },
    });
    return { claimed };
  } catch (err) {
    if ((err as { code?: string }).code === "P2025") return null;
    throw err;
  }
}
