import { db } from "../db/client";
import { env } from "../env";
import { deliverJob } from "../queue/producer";
import { moveJob } from "./transitions";
import type { Redis } from "ioredis";

const LOCK_KEY = "sweeper-lock";

export type SweepReport = { redelivered: number; lost: number };

/**
 * Repairs what Redis or a dead worker left behind: QUEUED rows are (re)delivered (BullMQ drops
 * a duplicate jobId), and RUNNING rows with a stale heartbeat fail as `worker_lost`.
 * One sweeper at a time across processes, by a short Redis lock.
 */
export async function sweepJobs(redis: Redis, opts: { undeliveredAfterMs?: number; reofferAfterMs?: number; staleAfterMs?: number } = {}): Promise<SweepReport | null> {
  const prefix = env().QUEUE_PREFIX;
  const got = await redis.set(`${prefix}:${LOCK_KEY}`, String(process.pid), "PX", 10_000, "NX");
  if (got !== "OK") return null;
  try {
    // Rows handed back (enqueuedAt cleared) go first; rows already in Redis are re-offered at
    // most every JOB_REOFFER_AFTER_MS, in case Redis lost them. Re-offering every QUEUED row on every sweep
    // would let a backlog of old rows starve new ones behind the batch limit.
    const now = Date.now();
    const queued = await db.job.findMany({
      where: {
        status: "QUEUED",
        createdAt: { lt: new Date(now - (opts.undeliveredAfterMs ?? 3_000)) },
        OR: [{ enqueuedAt: null }, { enqueuedAt: { lt: new Date(now - (opts.reofferAfterMs ?? env().JOB_REOFFER_AFTER_MS)) } }],
      },
      select: { id: true, kind: true, queue: true, hostId: true },
      take: 500,
      orderBy: [{ enqueuedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    });
    for (const job of queued) await deliverJob(job);
    if (queued.length) await db.job.updateMany({ where: { id: { in: queued.map((j) => j.id) }, status: "QUEUED" }, data: { enqueuedAt: new Date() } });
    const lost = await failStaleJobs(new Date(Date.now() - (opts.staleAfterMs ?? env().JOB_STALE_AFTER_MS)));
    return { redelivered: queued.length, lost };
  } finally {
    await redis.del(`${prefix}:${LOCK_KEY}`);
  }
}

/** Fails RUNNING jobs whose holder stopped heartbeating; `where` narrows it (e.g. a restarted host). */
export async function failStaleJobs(heartbeatBefore: Date, extraWhere: { hostId?: string; claimedByNot?: string } = {}): Promise<number> {
  const stale = await db.job.findMany({
    where: {
      status: "RUNNING",
      ...(extraWhere.hostId ? { hostId: extraWhere.hostId } : {}),
      ...(extraWhere.claimedByNot ? { claimedBy: { not: extraWhere.claimedByNot } } : { heartbeatAt: { lt: heartbeatBefore } }),
    },
    select: { id: true, claimedBy: true, host: { select: { name: true } } },
  });
  let count = 0;
  for (const job of stale) {
    const failure = {
      code: "worker_lost",
      message: `The worker on host ${job.host.name} stopped heartbeating while running this job (killed or crashed).`,
      hint: "Check the host's worker process and resubmit the job; partial outputs were not registered.",
    };
    const failed = await moveJob(job.id, { from: "RUNNING", to: "FAILED", claimedBy: job.claimedBy, data: { finishedAt: new Date(), failure }, event: { failure } });
    if (failed) count++;
  }
  return count;
}
