// Platform benchmarks (numbers go in the README; not timed tests). Runs against the database
// and Redis in the environment, with the built web app and a real worker process:
//   1. enqueue -> worker process spawned latency (p50/p95)
//   2. a job printing 100,000 lines streamed over SSE to a client: lines/s, order, worker RSS
//   3. GET /api/v1/jobs with 10,000 jobs in the table at 50 concurrent clients: p50/p95
import { readFile } from "node:fs/promises";
import { db } from "../../lib/db/client";
import { createJob } from "../../lib/jobs/create-job";
import { closeProducers } from "../../lib/queue/producer";
import { createTestUser, startWeb, startWorker, tempRoot, waitForJob } from "../../tests/helpers/stack";
import { readSse } from "../../tests/helpers/sse";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rssMiB = async (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

const user = await createTestUser();
const web = await startWeb();
const worker = await startWorker({ hostName: `bench-${process.pid}`, storageRoots: [await tempRoot()], token: user.workerToken });
const results: Record<string, unknown> = {};

try {
  // 1. Enqueue -> spawn.
  const latencies: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = performance.timeOrigin + performance.now();
    const job = await createJob({ kind: "host.log-burst", hostId: worker.hostId, payload: { lines: 1 } }, user.id);
    await waitForJob(job.id, ["SUCCEEDED"], 30_000);
    // The worker records the moment spawn() returned a pid.
    const ev = await db.jobEvent.findFirstOrThrow({ where: { jobId: job.id, type: "METRIC" }, select: { payload: true } });
    latencies.push((ev.payload as { at: number }).at - t0);
  }
  const warm = latencies.slice(5);
  results.enqueueToSpawnMs = { p50: +pct(warm, 50).toFixed(1), p95: +pct(warm, 95).toFixed(1), n: warm.length };
  console.log("enqueue -> spawn", results.enqueueToSpawnMs);

  // 2. 100k lines over SSE.
  const lines = 100_000;
  const rss: number[] = [await rssMiB(worker.child.pid!)];
  const sampler = setInterval(() => void rssMiB(worker.child.pid!).then((v) => rss.push(v)).catch(() => undefined), 200);
  const t0 = performance.now();
  const job = await createJob({ kind: "host.log-burst", hostId: worker.hostId, payload: { lines } }, user.id);
  const events = await readSse(`${web.url}/api/v1/jobs/${job.id}/events`, { authorization: `Bearer ${user.apiToken}` }, { timeoutMs: 600_000 });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const got = events.filter((e) => e.event === "log" && e.data.stream === "stdout").map((e) => e.data.line as string);
  const inOrder = got.length === lines && got.every((l, i) => l === `line ${i + 1} of ${lines}`);
  results.logStream = { lines: got.length, complete: inOrder, seconds: +seconds.toFixed(2), linesPerSecond: Math.round(got.length / seconds), workerRssMiB: { start: +rss[0].toFixed(0), max: +Math.max(...rss).toFixed(0), end: +rss[rss.length - 1].toFixed(0) } };
  console.log("log stream", results.logStream);

  // 3. List jobs with 10k rows, 50 concurrent clients.
  const existing = await db.job.count();
  const need = Math.max(0, 10_000 - existing);
  for (let i = 0; i < need; i += 1000) {
    await db.job.createMany({
      data: Array.from({ length: Math.min(1000, need - i) }, (_, k) => ({
        kind: "host.log-burst", queue: "host-io", hostId: worker.hostId, status: "SUCCEEDED" as const,
        payload: { lines: 1 }, title: `bench ${i + k}`, finishedAt: new Date(),
      })),
    });
  }
  const total = await db.job.count();
  const timings: number[] = [];
  const clients = 50;
  const perClient = 20;
  const tAll = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = 0; i < perClient; i++) {
      const s = performance.now();
      const res = await fetch(`${web.url}/api/v1/jobs?limit=50`, { headers: { authorization: `Bearer ${user.apiToken}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET /jobs answered ${res.status}`);
      timings.push(performance.now() - s);
    }
  }));
  const wall = (performance.now() - tAll) / 1000;
  results.listJobs = { jobsInTable: total, clients, requests: timings.length, p50Ms: +pct(timings, 50).toFixed(1), p95Ms: +pct(timings, 95).toFixed(1), requestsPerSecond: Math.round(timings.length / wall) };
  console.log("GET /api/v1/jobs", results.listJobs);
  console.log(JSON.stringify(results, null, 2));
} finally {
  await worker.stop();
  await web.stop();
  await closeProducers();
  await db.$disconnect();
}
