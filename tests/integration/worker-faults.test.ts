// Worker faults with real processes: SIGKILL mid-job, SIGTERM mid-job, and the process runner's
// guarantees (no shell, whole group killed, flat memory on a flood of output).
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { createJob } from "../../lib/jobs/create-job";
import { startWorker, waitFor, waitForJob } from "../helpers/stack";
import { workerTestContext } from "../helpers/worker-context";
import { processesOfJob } from "../helpers/processes";

const ctx = workerTestContext();

const slowJob = (hostId: string) => createJob({ kind: "host.log-burst", hostId, payload: { lines: 100_000, intervalMs: 20 } }, ctx.user.id);

describe("worker killed with SIGKILL mid-job", () => {
  it("another worker's sweeper fails the job as worker_lost within a bounded time, and the restarted worker reaps the orphans", async () => {
    const hostName = `kill9-${process.pid}`;
    const victim = await startWorker({ hostName, storageRoots: [ctx.root], token: ctx.user.workerToken });
    const job = await slowJob(victim.hostId);
    await waitForJob(job.id, ["RUNNING"]);
    await waitFor("child process", async () => (await processesOfJob(job.id)).length > 0);

    await victim.stop("SIGKILL");
    const killedAt = Date.now();
    const sweeper = await startWorker({
      hostName: `sweeper-${process.pid}`,
      storageRoots: [ctx.root],
      token: ctx.user.workerToken,
      env: { JOB_STALE_AFTER_MS: "3000" },
    });
    const failed = await waitForJob(job.id, ["FAILED"], 30_000);
    const bound = Date.now() - killedAt;
    console.log(`SIGKILLed worker's job marked worker_lost after ${bound} ms`);
    expect(failed.failure).toMatchObject({ code: "worker_lost" });
    expect(bound).toBeLessThan(20_000);

    // The same host's worker starts again and kills what the dead one left running.
    const again = await startWorker({ hostName, storageRoots: [ctx.root], token: ctx.user.workerToken });
    await waitFor("orphans reaped", async () => (await processesOfJob(job.id)).length === 0, 10_000);
    await again.stop();
    await sweeper.stop();
  });
});

describe("worker stopped with SIGTERM mid-job", () => {
  it("stops its process group, hands the job back, exits 0, and the job runs again on restart", async () => {
    const hostName = `term-${process.pid}`;
    const w = await startWorker({ hostName, storageRoots: [ctx.root], token: ctx.user.workerToken });
    const job = await createJob({ kind: "host.log-burst", hostId: w.hostId, payload: { lines: 300, intervalMs: 20 } }, ctx.user.id);
    await waitFor("child process", async () => (await processesOfJob(job.id)).length > 0);

    const code = await w.stop("SIGTERM");
    expect(code).toBe(0);
    expect(await processesOfJob(job.id)).toEqual([]);
    const row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("QUEUED");
    expect(w.output()).toContain("stopped cleanly");

    const w2 = await startWorker({ hostName, storageRoots: [ctx.root], token: ctx.user.workerToken });
    const done = await waitForJob(job.id, ["SUCCEEDED"], 60_000);
    expect(done.deliveries).toBe(2);
    await w2.stop();
  });
});

describe("worker configuration", () => {
  it("refuses to start without a valid worker token and says what to do", async () => {
    await expect(startWorker({ hostName: `bad-${process.pid}`, storageRoots: [ctx.root], token: ctx.user.apiToken })).rejects.toThrow(/not a valid worker token/);
  });
});
