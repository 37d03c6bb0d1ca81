// Redis restarted (without persistence) while jobs are queued: nothing is lost, because the
// row in PostgreSQL is the truth and the sweeper delivers it again. Uses a private Redis.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, createTestUser, tempRoot, startWorker, waitFor, waitForJob, type TestUser } from "../helpers/stack";

let redis: ChildProcess | null = null;
let port: number;

async function startRedis(): Promise<void> {
  redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  await waitFor("private redis", async () => {
    const { Redis } = await import("ioredis");
    const r = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await r.connect();
      return (await r.ping()) === "PONG";
    } finally {
      r.disconnect();
    }
  }, 10_000);
}

async function stopRedis(): Promise<void> {
  const r = redis;
  redis = null;
  if (!r) return;
  const exited = new Promise((res) => r.once("exit", res));
  r.kill("SIGKILL");
  await exited;
}

let user: TestUser;

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  user = await createTestUser();
});
afterAll(async () => {
  const { closeProducers } = await import("../../lib/queue/producer");
  await closeProducers();
  await stopRedis();
});

describe("Redis restart", () => {
  it("loses no queued job", async () => {
    const { createJob } = await import("../../lib/jobs/create-job");
    const hostName = `redis-${process.pid}`;
    const w = await startWorker({ hostName, storageRoots: [await tempRoot()], token: user.workerToken, env: { REDIS_URL: process.env.REDIS_URL, MODELYARD_CONCURRENCY: "1", JOB_REOFFER_AFTER_MS: "1000" } });
    // Occupy the worker (concurrency 1) so the next jobs sit in Redis' wait list.
    const blocker = await createJob({ kind: "host.log-burst", hostId: w.hostId, payload: { lines: 150, intervalMs: 20 } }, user.id);
    const queued = [];
    for (let i = 0; i < 5; i++) queued.push(await createJob({ kind: "host.log-burst", hostId: w.hostId, payload: { lines: 3 } }, user.id));
    await waitForJob(blocker.id, ["RUNNING"]);

    await stopRedis(); // everything Redis held is gone
    // Jobs created while Redis is down are saved and delivered later.
    for (let i = 0; i < 2; i++) queued.push(await createJob({ kind: "host.log-burst", hostId: w.hostId, payload: { lines: 3 } }, user.id));
    await new Promise((r) => setTimeout(r, 1000));
    await startRedis();

    for (const j of [blocker, ...queued]) await waitForJob(j.id, ["SUCCEEDED"], 60_000);
    await w.stop();
  }, 120_000);
});
