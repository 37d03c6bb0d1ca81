// A multi-node fine-tune for real on one machine: two worker hosts over loopback (sharing one
// storage root, as multi-node runs share storage), LLaMA-Factory under torchrun with the gloo
// backend on CPU, one process per node. The parts start together or not at all.
import { cp, mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as finetuneRoute } from "../../app/api/v1/models/[id]/finetune/route";
import { db, type Artifact } from "../../lib/db/client";
import { createJob } from "../../lib/jobs/create-job";
import { closeProducers } from "../../lib/queue/producer";
import { createTestUser, startWorker, tempRoot, waitForJob, type TestUser } from "../helpers/stack";
import { loadToolchain } from "../helpers/toolchain";

const MIN = 60_000;
const tc = loadToolchain();
let user: TestUser;
let root: string;
let master: Awaited<ReturnType<typeof startWorker>>;
let second: Awaited<ReturnType<typeof startWorker>>;
let base: Artifact;
let datasetId: string;
const ARGS = {
  stage: "sft", finetuning_type: "lora", compute_type: "fp32", cutoff_len: 32, per_device_train_batch_size: 1, gradient_accumulation_steps: 1,
  learning_rate: 5e-4, logging_steps: 1, save_steps: 1000, lora_rank: 4, lora_target: "q_proj,v_proj", flash_attn: "disabled", max_steps: 2,
};

async function finetune(body: unknown) {
  const req = new Request(`http://modelyard.test/api/v1/models/${base.id}/finetune`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.apiToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = await finetuneRoute(req, { params: Promise.resolve({ id: base.id }) });
  return { status: res.status, json: (await res.json()) as any };
}

const ended = (id: string, ms: number) => waitForJob(id, ["SUCCEEDED", "FAILED", "CANCELLED"], ms);

beforeAll(async () => {
  user = await createTestUser();
  root = await tempRoot("modelyard-multinode-");
  await mkdir(path.join(root, "models"), { recursive: true });
  await cp(tc.fixtureHfDir, path.join(root, "models", "smollm2"), { recursive: true, dereference: true });
  await cp(path.join(tc.fixtureDatasetDir, "modelyard_identity.json"), path.join(root, "identity.json"));
  const env = { MODELYARD_GANG_WAIT_MS: "20000" };
  master = await startWorker({ hostName: `node0-${process.pid}`, storageRoots: [root], token: user.workerToken, env: { ...env, MODELYARD_HOST_ADDRESS: "127.0.0.1" } });
  second = await startWorker({ hostName: `node1-${process.pid}`, storageRoots: [root], token: user.workerToken, env });
  const imp = await ended((await createJob({ kind: "model.import", hostId: master.hostId, payload: { path: path.join(root, "models", "smollm2"), name: "smollm2" } }, user.id)).id, MIN);
  base = await db.artifact.findFirstOrThrow({ where: { sourceJobId: imp.id } });
  const ds = await ended((await createJob({ kind: "dataset.import", hostId: master.hostId, payload: { path: path.join(root, "identity.json") } }, user.id)).id, MIN);
  datasetId = (await db.dataset.findFirstOrThrow({ where: { sourceJobId: ds.id } })).id;
}, 3 * MIN);

afterAll(async () => {
  await Promise.all([master?.stop(), second?.stop()]);
  await closeProducers();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("multi-node fine-tuning", () => {
  it("trains across two hosts with torchrun (gloo on CPU) and registers one adapter from rank 0", async () => {
    const res = await finetune({ datasetIds: [datasetId], gpus: 0, args: ARGS, nodeHostIds: [second.hostId], name: "two-nodes" });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const rank0 = res.json.job.id as string;
    const part = await db.job.findFirstOrThrow({ where: { parentJobId: rank0, kind: "model.finetune" } });
    expect(part.hostId).toBe(second.hostId);
    expect(part.payload).toMatchObject({ runId: rank0, node: { rank: 1, count: 2, masterAddr: "127.0.0.1" } });
    const [done0, done1] = await Promise.all([ended(rank0, 8 * MIN), ended(part.id, 8 * MIN)]);
    expect(done0.status, `${JSON.stringify(done0.failure)}\n${done0.logTail}`).toBe("SUCCEEDED");
    expect(done1.status, `${JSON.stringify(done1.failure)}\n${done1.logTail}`).toBe("SUCCEEDED");
    const log = (await db.jobEvent.findMany({ where: { jobId: rank0, type: "LOG" }, select: { payload: true } })).map((e) => (e.payload as { line: string }).line).join("\n");
    expect(log).toMatch(/world size: 2/);
    const runDir = path.join(root, "runs", rank0);
    const steps = (await readFile(path.join(runDir, "trainer_log.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(steps.filter((s) => "loss" in s).map((s) => s.current_steps)).toEqual([1, 2]);
    const adapters = await db.artifact.findMany({ where: { sourceJobId: { in: [rank0, part.id] } } });
    expect(adapters.map((a) => [a.kind, a.sourceJobId])).toEqual([["LORA_ADAPTER", rank0]]);
  }, 10 * MIN);

  it("starts all parts or none: a node whose worker is not running makes every part give up", async () => {
    const offline = await db.host.create({ data: { name: `offline-${process.pid}`, storageRoots: [root] } });
    const res = await finetune({ datasetIds: [datasetId], gpus: 0, args: ARGS, nodeHostIds: [offline.id] });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const rank0 = await ended(res.json.job.id, 3 * MIN);
    expect(rank0.status).toBe("FAILED");
    expect(rank0.failure).toMatchObject({ code: "gang_timeout" });
    const part = await db.job.findFirstOrThrow({ where: { parentJobId: rank0.id, kind: "model.finetune" } });
    expect(part.status).toBe("CANCELLED");
  }, 4 * MIN);

  it("refuses a multi-node run whose master host has no address", async () => {
    const res = await finetune({ datasetIds: [datasetId], gpus: 0, args: ARGS, nodeHostIds: [master.hostId] });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("duplicate_nodes");
    await db.host.update({ where: { id: master.hostId }, data: { address: null } });
    try {
      const none = await finetune({ datasetIds: [datasetId], gpus: 0, args: ARGS, nodeHostIds: [second.hostId] });
      expect(none.status).toBe(409);
      expect(none.json.error.code).toBe("no_master_address");
    } finally {
      await db.host.update({ where: { id: master.hostId }, data: { address: "127.0.0.1" } });
    }
  });
});
