// GPU slots and per-queue concurrency with real worker processes. A CPU machine gets slots from
// MODELYARD_GPU_INDICES; the self-test kind asks for GPUs and its child prints what it was given.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { cancelJob } from "../../lib/jobs/cancel";
import { createJob } from "../../lib/jobs/create-job";
import { startWorker, waitFor, waitForJob } from "../helpers/stack";
import { workerTestContext } from "../helpers/worker-context";

const ctx = workerTestContext();

/** About 3 s of output: long enough for a second job to be seen waiting. */
const burst = (hostId: string, gpus: number, lines = 30) =>
  createJob({ kind: "host.log-burst", hostId, payload: { lines, intervalMs: 100, gpus } }, ctx.user.id);

const uniqueHost = (what: string) => `${what}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;

async function logLines(jobId: string): Promise<string[]> {
  const events = await db.jobEvent.findMany({ where: { jobId, type: "LOG" }, orderBy: { seq: "asc" }, select: { payload: true } });
  return events.map((e) => (e.payload as { line: string }).line);
}

describe("GPU slots", () => {
  it("one GPU: the second job waits with a visible reason, then runs on the same GPU after the first", async () => {
    const w = await startWorker({ hostName: uniqueHost("gpu1"), storageRoots: [ctx.root], token: ctx.user.workerToken, env: { MODELYARD_GPU_INDICES: "0" } });
    try {
      const host = await db.host.findUniqueOrThrow({ where: { id: w.hostId } });
      expect(host.gpuSlots).toEqual([0]);

      const first = await burst(w.hostId, 1);
      expect(first.gpusRequested).toBe(1);
      await waitForJob(first.id, ["RUNNING"]);
      const second = await burst(w.hostId, 1);

      const waiting = await waitFor("second job to say why it waits", async () => {
        const j = await db.job.findUniqueOrThrow({ where: { id: second.id } });
        return j.waitReason ? j : null;
      });
      expect(waiting.status).toBe("QUEUED");
      expect(waiting.waitReason).toMatch(/waiting for a free GPU: needs 1, 0 of 1 free/);
      expect(waiting.waitingSince).not.toBeNull();
      expect((await db.job.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("RUNNING");

      const a = await waitForJob(first.id, ["SUCCEEDED"], 30_000);
      const b = await waitForJob(second.id, ["SUCCEEDED"], 30_000);
      expect(a.gpuIndices).toEqual([0]);
      expect(b.gpuIndices).toEqual([0]);
      expect(b.waitReason).toBeNull();
      // Never at once: the second started only after the first let its GPU go.
      expect(b.startedAt!.getTime()).toBeGreaterThanOrEqual(a.finishedAt!.getTime());
      expect((await logLines(first.id)).some((l) => l.includes("CUDA_VISIBLE_DEVICES=0"))).toBe(true);
      expect((await logLines(second.id)).some((l) => l.includes("CUDA_VISIBLE_DEVICES=0"))).toBe(true);
      const running = await db.jobEvent.findFirstOrThrow({ where: { jobId: second.id, type: "STATUS", payload: { path: ["status"], equals: "RUNNING" } } });
      expect(running.payload).toMatchObject({ gpuIndices: [0] });
    } finally {
      await w.stop();
    }
  });

  it("two GPUs: two jobs run at once, on 0 and 1; a job asking for more than the host has waits and says so", async () => {
    const w = await startWorker({ hostName: uniqueHost("gpu2"), storageRoots: [ctx.root], token: ctx.user.workerToken, env: { MODELYARD_GPU_INDICES: "0,1" } });
    try {
      const first = await burst(w.hostId, 1);
      const second = await burst(w.hostId, 1);
      await waitFor("both running", async () => {
        const rows = await db.job.findMany({ where: { id: { in: [first.id, second.id] }, status: "RUNNING" } });
        return rows.length === 2;
      });
      const rows = await db.job.findMany({ where: { id: { in: [first.id, second.id] } } });
      expect(rows.map((r) => r.gpuIndices[0]).sort()).toEqual([0, 1]);
      for (const r of rows) expect(r.gpuIndices).toHaveLength(1);

      const greedy = await burst(w.hostId, 3, 1);
      const waiting = await waitFor("the greedy job's reason", async () => {
        const j = await db.job.findUniqueOrThrow({ where: { id: greedy.id } });
        return j.waitReason ? j : null;
      });
      expect(waiting.status).toBe("QUEUED");
      expect(waiting.waitReason).toMatch(/needs 3 GPUs but host \S+ has only 2 usable \(0,1\)/);

      await waitForJob(first.id, ["SUCCEEDED"], 30_000);
      await waitForJob(second.id, ["SUCCEEDED"], 30_000);
      // Still waiting after the GPUs are free: it can never fit on this host.
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await db.job.findUniqueOrThrow({ where: { id: greedy.id } })).status).toBe("QUEUED");
      expect(await cancelJob(greedy.id)).toEqual({ status: "CANCELLED" });
    } finally {
      await w.stop();
    }
  });

  it("a job that claims no GPU sees none", async () => {
    const w = await startWorker({ hostName: uniqueHost("gpu0"), storageRoots: [ctx.root], token: ctx.user.workerToken, env: { MODELYARD_GPU_INDICES: "0" } });
    try {
      const job = await burst(w.hostId, 0, 2);
      const done = await waitForJob(job.id, ["SUCCEEDED"], 30_000);
      expect(done.gpuIndices).toEqual([]);
      expect((await logLines(job.id)).some((l) => /CUDA_VISIBLE_DEVICES=$/.test(l))).toBe(true);
    } finally {
      await w.stop();
    }
  });
});

describe("per-queue concurrency", () => {
  it("MODELYARD_QUEUE_CONCURRENCY=host-io=1 runs two jobs of that queue one after the other", async () => {
    const w = await startWorker({
      hostName: uniqueHost("q1"),
      storageRoots: [ctx.root],
      token: ctx.user.workerToken,
      env: { MODELYARD_QUEUE_CONCURRENCY: "host-io=1", MODELYARD_CONCURRENCY: "4" },
    });
    try {
      const host = await db.host.findUniqueOrThrow({ where: { id: w.hostId } });
      expect(host.queueConcurrency).toMatchObject({ "host-io": 1, convert: 4, "gpu-train": 1, deploy: 4 });
      const first = await burst(w.hostId, 0, 15);
      const second = await burst(w.hostId, 0, 15);
      const a = await waitForJob(first.id, ["SUCCEEDED"], 30_000);
      const b = await waitForJob(second.id, ["SUCCEEDED"], 30_000);
      const [early, late] = a.startedAt! < b.startedAt! ? [a, b] : [b, a];
      expect(late.startedAt!.getTime()).toBeGreaterThanOrEqual(early.finishedAt!.getTime());
    } finally {
      await w.stop();
    }
  });
});
