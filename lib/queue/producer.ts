import { Queue } from "bullmq";
import { createRedis } from "../redis";
import { env } from "../env";
import { hostQueueName, type DeliveryData, type QueueKind } from "./names";
import type { Redis } from "ioredis";

let connection: Redis | undefined;
const queues = new Map<string, Queue<DeliveryData>>();

function queueFor(name: string): Queue<DeliveryData> {
  let q = queues.get(name);
  if (!q) {
    if (!connection) {
      connection = createRedis();
      // Reconnects are automatic; errors while Redis is away are expected, not crashes.
      connection.on("error", () => undefined);
    }
    q = new Queue<DeliveryData>(name, { connection, prefix: env().QUEUE_PREFIX });
    queues.set(name, q);
  }
  return q;
}

/**
 * Delivers a job row to its host's queue. `jobId` = row id makes a second delivery of the
 * same row a no-op while the first is still in Redis; the claim compare-and-set covers the rest.
 */
export async function deliverJob(job: { id: string; kind: string; queue: string; hostId: string }): Promise<void> {
  const q = queueFor(hostQueueName(job.queue as QueueKind, job.hostId));
  await q.add(job.kind, { jobId: job.id }, {
    jobId: job.id,
    attempts: 1,
    removeOnComplete: true,
    removeOnFail: true,
  });
}

export async function withdrawJob(job: { id: string; queue: string; hostId: string }): Promise<void> {
  const q = queueFor(hostQueueName(job.queue as QueueKind, job.hostId));
  const delivered = await q.getJob(job.id);
  // A job a worker already holds is locked; it will see the cancel through its heartbeat.
  if (delivered && ((await delivered.isWaiting()) || (await delivered.isDelayed()))) await delivered.remove().catch(() => undefined);
}

/**
 * Hands deliveries that were put back for later (jobs waiting for a GPU) to the workers now:
 * called when a job on the host lets its GPUs go, so the next one does not wait out its delay.
 */
export async function redeliverWaiting(queue: QueueKind, hostId: string): Promise<number> {
  const delayed = await queueFor(hostQueueName(queue, hostId)).getDelayed(0, 200);
  let n = 0;
  for (const job of delayed) {
    // It may have been taken or promoted by someone else since the listing.
    if (await job.promote().then(() => true, () => false)) n++;
  }
  return n;
}

export async function closeProducers(): Promise<void> {
  await Promise.all([...queues.values()].map((q) => q.close()));
  queues.clear();
  connection?.disconnect();
  connection = undefined;
}
