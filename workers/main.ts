import { randomBytes } from "node:crypto";
import { DelayedError, Worker } from "bullmq";
import { resolveApiToken } from "../lib/auth/api-tokens";
import { db } from "../lib/db/client";
import { env } from "../lib/env";
import { failStaleJobs, sweepJobs } from "../lib/jobs/sweeper";
import { closeProducers, deliverJob, redeliverWaiting } from "../lib/queue/producer";
import { hostQueueName, type DeliveryData } from "../lib/queue/names";
import { createRedis } from "../lib/redis";
import { startBrowseResponder } from "./browse-responder";
import { readWorkerConfig } from "./config";
import { executeJob, type ActiveJob } from "./execute-job";
import { heartbeatHost, refreshTools, registerHost } from "./host-registration";
import { ProcessGroupLedger } from "./orphans";
import { killGroup, onProcessGroupsChanged, runningProcessGroups } from "./runner/run-process";

const SWEEP_MS = 5_000;
/** sysexits EX_CONFIG: restarting will not help until the operator gives the worker a new token. */
const EXIT_TOKEN_REVOKED = 78;
const TOOLS_REFRESH_MS = 10 * 60_000;
/** A job waiting for a GPU is offered again this often, and at once when a GPU on the host is let go. */
const GPU_WAIT_RETRY_MS = 3_000;

function log(msg: string) {
  console.log(`[worker ${new Date().toISOString()}] ${msg}`);
}

async function main() {
  const cfg = readWorkerConfig();
  const token = await resolveApiToken(cfg.MODELYARD_WORKER_TOKEN, "WORKER");
  if (!token) throw new Error("MODELYARD_WORKER_TOKEN is not a valid worker token (revoked, mistyped, or a personal token). Create one on the Hosts page.");

  const workerInstance = `${cfg.MODELYARD_HOST_NAME}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const ledger = new ProcessGroupLedger(cfg.MODELYARD_STATE_DIR, cfg.MODELYARD_HOST_NAME);
  const leftovers = await ledger.killLeftovers();
  if (leftovers) log(`killed ${leftovers} process group(s) left by a previous worker`);

  const hostRow = await registerHost(cfg, token.tokenId, workerInstance);
  const host = { id: hostRow.id, name: hostRow.name, storageRoots: hostRow.storageRoots };
  const concurrency = hostRow.queueConcurrency as Record<string, number>;
  // Anything still RUNNING here was held by an earlier incarnation of this worker: it is gone.
  const lost = await failStaleJobs(new Date(), { hostId: host.id, claimedByNot: workerInstance });
  if (lost) log(`marked ${lost} job(s) of a previous worker as worker_lost`);
  void refreshTools(host.id).catch((e) => log(`tool detection failed: ${e.message}`));

  const active = new Map<string, ActiveJob>();
  const deps = {
    host,
    workerInstance,
    heartbeatMs: cfg.MODELYARD_HEARTBEAT_MS,
    active,
    gpuSlots: hostRow.gpuSlots,
    onGpusFreed: () => {
      for (const q of cfg.MODELYARD_QUEUES) void redeliverWaiting(q, host.id).catch((e) => log(`re-delivery after a GPU was freed failed: ${e.message}`));
    },
  };
  // Every spawn and exit updates the ledger, so a SIGKILLed worker's children can be reaped on restart.
  onProcessGroupsChanged(() => void ledger.record().catch(() => undefined));

  const connection = createRedis();
  const sweeperRedis = createRedis();
  const workers = cfg.MODELYARD_QUEUES.map(
    (q) =>
      new Worker<DeliveryData>(hostQueueName(q, host.id), async (job, token) => {
        const deferred = await executeJob(job.data.jobId, deps);
        if (!deferred) return;
        // Back to Redis for later instead of holding a concurrency slot while the GPU is busy.
        await job.moveToDelayed(Date.now() + GPU_WAIT_RETRY_MS, token);
        throw new DelayedError();
      }, {
        connection,
        prefix: env().QUEUE_PREFIX,
        concurrency: concurrency[q] ?? cfg.MODELYARD_CONCURRENCY,
        // The row, not BullMQ, decides retries; a stalled delivery is re-sent and the claim CAS drops it.
        maxStalledCount: 10,
      }),
  );
  for (const w of workers) w.on("error", (err) => log(`queue error: ${err.message}`));

  // Revoking a worker token must take the host out of service, not just block its next start.
  const beat = async () => {
    const still = await resolveApiToken(cfg.MODELYARD_WORKER_TOKEN, "WORKER").catch((e: Error) => {
      log(`token check failed (will retry at the next heartbeat): ${e.message}`);
      return undefined;
    });
    if (still === null) {
      log("worker token was revoked (or its owner removed): stopping, handing running jobs back, exiting");
      void shutdown("token revoked", EXIT_TOKEN_REVOKED);
      return;
    }
    await heartbeatHost(host.id, workerInstance, host.storageRoots);
  };
  const timers = [
    setInterval(() => void beat().catch((e) => log(`heartbeat failed: ${e.message}`)), cfg.MODELYARD_HEARTBEAT_MS),
    setInterval(() => void sweepJobs(sweeperRedis).catch((e) => log(`sweep failed: ${e.message}`)), SWEEP_MS),
    setInterval(() => void refreshTools(host.id).catch(() => undefined), TOOLS_REFRESH_MS),
  ];
  const browse = startBrowseResponder({ prefix: env().QUEUE_PREFIX, hostId: host.id, roots: host.storageRoots, log });
  const slots = hostRow.gpuSlots.length ? hostRow.gpuSlots.join(",") : "none";
  log(`host ${host.name} (${host.id}) ready; queues ${cfg.MODELYARD_QUEUES.map((q) => `${q}×${concurrency[q]}`).join(", ")}; GPU slots ${slots}; roots ${host.storageRoots.join(", ")}; instance ${workerInstance}`);

  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    const force = setTimeout(() => {
      for (const pgid of runningProcessGroups()) killGroup(pgid, "SIGKILL");
      log("shutdown took too long; forced exit");
      process.exit(1);
    }, cfg.MODELYARD_KILL_GRACE_MS + 15_000);
    timers.forEach(clearInterval);
    await browse.stop();
    // Stop taking work, hand running jobs back (their process groups get the graceful signal).
    await Promise.all(workers.map((w) => w.pause(true).catch(() => undefined)));
    const handedBack = [...active.keys()];
    for (const a of active.values()) a.abort("shutdown");
    await Promise.all(workers.map((w) => w.close().catch(() => undefined)));
    // Their deliveries are finished now, so offering them again is not dropped as a duplicate:
    // the next worker on this host starts them at once instead of after a sweep.
    await redeliverJobs(handedBack).catch((e) => log(`re-offering handed-back jobs failed: ${e.message}; the sweeper will`));
    await db.host.updateMany({ where: { id: host.id, workerInstance }, data: { stoppedAt: new Date() } }).catch(() => undefined);
    await ledger.record().catch(() => undefined);
    await closeProducers();
    connection.disconnect();
    sweeperRedis.disconnect();
    await db.$disconnect();
    clearTimeout(force);
    log(exitCode === 0 ? "stopped cleanly" : `stopped (exit ${exitCode})`);
    process.exit(exitCode);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

async function redeliverJobs(ids: string[]): Promise<void> {
  const rows = await db.job.findMany({ where: { id: { in: ids }, status: "QUEUED" }, select: { id: true, kind: true, queue: true, hostId: true } });
  for (const row of rows) await deliverJob(row);
  if (rows.length) await db.job.updateMany({ where: { id: { in: rows.map((r) => r.id) }, status: "QUEUED" }, data: { enqueuedAt: new Date() } });
}

main().catch((err) => {
  console.error(`[worker] cannot start: ${err.message}`);
  process.exit(1);
});
