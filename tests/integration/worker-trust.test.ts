// Worker trust: a revoked worker token takes its worker out of service at the next heartbeat,
// handing running work back the way SIGTERM does.
import { describe, expect, it } from "vitest";
import { sha256 } from "../../lib/auth/secrets";
import { db } from "../../lib/db/client";
import { createJob } from "../../lib/jobs/create-job";
import { processesOfJob } from "../helpers/processes";
import { startWorker, waitFor } from "../helpers/stack";
import { workerTestContext } from "../helpers/worker-context";

const ctx = workerTestContext();

describe("revoking a worker token", () => {
  it("stops the running worker within a few heartbeats: no new work, running job handed back, non-zero exit", async () => {
    const w = await startWorker({ hostName: `revoked-${process.pid}`, storageRoots: [ctx.root], token: ctx.user.workerToken });
    const job = await createJob({ kind: "host.log-burst", hostId: w.hostId, payload: { lines: 100_000, intervalMs: 20 } }, ctx.user.id);
    await waitFor("child process", async () => (await processesOfJob(job.id)).length > 0);

    const exited = new Promise<number | null>((resolve) => w.child.once("exit", (code) => resolve(code)));
    await db.apiToken.update({ where: { tokenHash: sha256(ctx.user.workerToken) }, data: { revokedAt: new Date() } });
    const revokedAt = Date.now();
    // Heartbeat is 500 ms in tests; a few of them plus the graceful stop of the job's process group.
    const code = await Promise.race([exited, new Promise<"still running">((r) => setTimeout(() => r("still running"), 10_000))]);
    const took = Date.now() - revokedAt;
    if (code === "still running") await w.stop("SIGKILL");
    expect(code, w.output()).not.toBe("still running");
    console.log(`worker exited ${took} ms after its token was revoked`);
    expect(code).not.toBe(0);
    expect(w.output()).toMatch(/worker token was revoked/);

    expect(await processesOfJob(job.id)).toEqual([]);
    const row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("QUEUED");

    // The same (revoked) token cannot bring it back.
    await expect(startWorker({ hostName: `revoked-${process.pid}`, storageRoots: [ctx.root], token: ctx.user.workerToken })).rejects.toThrow(/not a valid worker token/);
    await db.job.update({ where: { id: job.id }, data: { status: "CANCELLED" } });
  });
});
