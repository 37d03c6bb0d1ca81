// The sweeper re-offers what Redis does not hold: a row handed back by a stopping worker is
// offered at its next sweep even behind a backlog larger than one sweep's batch.
import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { env } from "../../lib/env";
import { sweepJobs } from "../../lib/jobs/sweeper";
import { hostQueueName } from "../../lib/queue/names";
import { closeProducers } from "../../lib/queue/producer";
import { createRedis } from "../../lib/redis";
import { waitFor } from "../helpers/stack";

const redis = createRedis();

afterAll(async () => {
  await closeProducers();
  redis.disconnect();
});

describe("sweepJobs", () => {
  it("offers a handed-back row first, not after the oldest 500 of a backlog already in Redis", async () => {
    const host = await db.host.create({ data: { name: `sweep-${Date.now()}`, storageRoots: ["/tmp"] } });
    const old = new Date(Date.now() - 3_600_000);
    await db.job.createMany({
      data: Array.from({ length: 520 }, (_, i) => ({
        kind: "host.log-burst", queue: "host-io", hostId: host.id, payload: { lines: 1 }, title: `backlog ${i}`,
        createdAt: old, enqueuedAt: new Date(),
      })),
    });
    const handedBack = await db.job.create({ data: { kind: "host.log-burst", queue: "host-io", hostId: host.id, payload: { lines: 1 }, title: "handed back", createdAt: new Date(Date.now() - 10_000) } });
    // Another process may hold the sweep lock for a moment.
    await waitFor("a sweep", () => sweepJobs(redis), 30_000, 200);
    const queue = new Queue(hostQueueName("host-io", host.id), { connection: createRedis(), prefix: env().QUEUE_PREFIX });
    try {
      expect(await queue.getJob(handedBack.id)).toBeTruthy();
      expect((await db.job.findUniqueOrThrow({ where: { id: handedBack.id } })).enqueuedAt).not.toBeNull();
      // The backlog was offered moments ago: it is not sent again on every sweep.
      expect((await queue.getJobCounts("waiting")).waiting).toBe(1);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await db.job.deleteMany({ where: { hostId: host.id } });
      await db.host.delete({ where: { id: host.id } });
    }
  });
});
