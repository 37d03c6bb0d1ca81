import { db } from "../../../lib/db/client";
import { cancelJob } from "../../../lib/jobs/cancel";
import { JobError } from "../../../lib/errors";
import type { ModelFinetunePayload } from "../../../lib/jobs/kinds/model-finetune";
import { AbortedError } from "../../runner/run-tool";
import type { JobContext } from "../../job-context";
import { nodeRankOf } from "../../../lib/training/run-metrics";
import { freePort } from "./free-port";

/** How long the parts of a multi-node run wait for each other before all of them give up. */
const GANG_WAIT_MS = Number(process.env.MODELYARD_GANG_WAIT_MS ?? 180_000);
const POLL_MS = 500;
const ENDED = ["SUCCEEDED", "FAILED", "CANCELLED"];

export type Rendezvous = { masterAddr: string; masterPort: number };

/**
 * The barrier of a multi-node run: every part (rank 0 is the master's job, the others are its
 * children) waits until all parts have been claimed by their hosts' workers, so the run starts on
 * every node or on none. Rank 0 picks a free rendezvous port on its host and publishes it as a
 * metric event; the others read it from there. A part that ends, a cancel, or the time limit
 * stops everyone waiting, so no host keeps GPUs for a run that cannot start.
 */
export async function joinGang(ctx: JobContext<ModelFinetunePayload>): Promise<Rendezvous> {
  const node = ctx.payload.node!;
  const masterId = node.rank === 0 ? ctx.job.id : ctx.job.parentJobId;
  if (!masterId) throw new JobError("gang_broken", "This part of a multi-node run has no master job", "Start the run again.");
  let port: number | null = null;
  if (node.rank === 0) {
    port = await freePort();
    ctx.sink.event({ type: "METRIC", payload: { name: "rendezvous", masterAddr: node.masterAddr, masterPort: port } });
  }
  ctx.progress(0.005, `waiting for ${node.count} nodes to start`, true);
  const deadline = Date.now() + GANG_WAIT_MS;
  for (;;) {
    ctx.throwIfAborted();
    // The master's children include a later attempt's rank 0 (resume): only rank > 0 parts belong to this gang.
    const parts = (await db.job.findMany({ where: { OR: [{ id: masterId }, { parentJobId: masterId, kind: "model.finetune" }] }, select: { id: true, status: true, payload: true } }))
      .filter((p) => p.id === masterId || nodeRankOf(p.payload) > 0);
    const gone = parts.find((p) => ENDED.includes(p.status));
    if (gone) throw new JobError("gang_aborted", `Part ${gone.id} of the multi-node run ended (${gone.status.toLowerCase()}) before training started`, "See that part's log; start the run again.");
    const running = parts.filter((p) => p.status === "RUNNING").length;
    if (port === null) {
      const ev = await db.jobEvent.findFirst({ where: { jobId: masterId, type: "METRIC", payload: { path: ["name"], equals: "rendezvous" } }, select: { payload: true } });
      const published = (ev?.payload as { masterPort?: unknown } | undefined)?.masterPort;
      if (typeof published === "number") port = published;
    }
    if (running === node.count && port !== null) {
      ctx.log(`all ${node.count} nodes started; rendezvous at ${node.masterAddr}:${port} (this node is rank ${node.rank})`);
      return { masterAddr: node.masterAddr, masterPort: port };
    }
    if (Date.now() > deadline) {
      // Not at all: the parts still queued elsewhere would otherwise start alone later.
      await Promise.all(parts.filter((p) => p.id !== ctx.job.id).map((p) => cancelJob(p.id).catch(() => undefined)));
      throw new JobError(
        "gang_timeout",
        `Only ${running} of ${node.count} nodes of the run started within ${Math.round(GANG_WAIT_MS / 1000)} s`,
        "Every host of a multi-node run needs a running worker and free GPU slots at the same time; free them and start the run again.",
      );
    }
    await new Promise((resolve, reject) => {
      const t = setTimeout(resolve, POLL_MS);
      ctx.signal.addEventListener("abort", () => { clearTimeout(t); reject(new AbortedError()); }, { once: true });
    });
  }
}

/**
 * While the parts train, a part that ends early (its worker lost, a failure, a cancel) would leave
 * the others blocked in torchrun's collective calls: `stop` aborts this part's training then.
 */
export function watchGang(ctx: JobContext<ModelFinetunePayload>, everyMs = 2_000): { stop: AbortSignal; reason: () => string | null; dispose: () => void } {
  const node = ctx.payload.node!;
  const masterId = node.rank === 0 ? ctx.job.id : ctx.job.parentJobId!;
  const controller = new AbortController();
  let reason: string | null = null;
  const timer = setInterval(() => {
    void db.job
      .findMany({ where: { OR: [{ id: masterId }, { parentJobId: masterId, kind: "model.finetune" }], NOT: { id: ctx.job.id } }, select: { id: true, status: true, payload: true } })
      .then((parts) => {
        const gone = parts.find((p) => (p.id === masterId || nodeRankOf(p.payload) > 0) && (p.status === "FAILED" || p.status === "CANCELLED"));
        if (gone && !controller.signal.aborted) {
          reason = `part ${gone.id} (node ${nodeRankOf(gone.payload)}) ended ${gone.status.toLowerCase()}`;
          ctx.log(`stopping: ${reason}`);
          controller.abort();
        }
      })
      .catch(() => undefined);
  }, everyMs);
  return { stop: controller.signal, reason: () => reason, dispose: () => clearInterval(timer) };
}
