// Fine-tuning through the job system with the real LLaMA-Factory on CPU and the SmolLM2-135M
// fixture: datasets uploaded and registered (with every class of bad file refused row by row),
// a LoRA run that finishes and registers its adapter, a run cancelled mid-training (the graceful
// stop saves a checkpoint) and resumed as a new attempt, a merge with llamafactory-cli export and
// a conversion of the merged model to GGUF. Routes are called as Next.js would call them.
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as uploadRoute } from "../../app/api/v1/datasets/upload/route";
import { POST as importDatasetRoute } from "../../app/api/v1/datasets/import/route";
import { GET as previewRoute } from "../../app/api/v1/datasets/[id]/preview/route";
import { POST as tokensRoute } from "../../app/api/v1/datasets/[id]/tokens/route";
import { POST as finetuneRoute } from "../../app/api/v1/models/[id]/finetune/route";
import { POST as checkRoute } from "../../app/api/v1/models/[id]/finetune/check/route";
import { POST as exportRoute } from "../../app/api/v1/models/[id]/export/route";
import { POST as convertRoute } from "../../app/api/v1/models/[id]/convert/route";
import { POST as resumeRoute } from "../../app/api/v1/jobs/[id]/resume/route";
import { GET as trainingRoute } from "../../app/api/v1/jobs/[id]/training/route";
import { db, type Artifact, type Dataset, type Job } from "../../lib/db/client";
import { cancelJob } from "../../lib/jobs/cancel";
import { createJob } from "../../lib/jobs/create-job";
import { closeProducers } from "../../lib/queue/producer";
import { readArtifactMetadata } from "../../lib/models/artifact-metadata";
import { once } from "../helpers/once";
import { createTestUser, startWorker, tempRoot, waitFor, waitForJob, type TestUser } from "../helpers/stack";
import { loadToolchain } from "../helpers/toolchain";

const MIN = 60_000;
const tc = loadToolchain();
let user: TestUser;
let worker: Awaited<ReturnType<typeof startWorker>>;
let root: string;
let base: Artifact;
const hostName = `finetune-${process.pid}`;
const t0 = Date.now();
const stamp = (what: string) => console.log(`[finetune] ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;

/** Calls a route handler exactly as Next.js would, authenticated with the test user's API token. */
async function call(handler: Handler, opts: { id?: string; body?: unknown; raw?: Buffer; query?: Record<string, string>; method?: string } = {}) {
  const url = new URL("http://modelyard.test/api/v1/x");
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const hasBody = opts.body !== undefined || opts.raw !== undefined;
  const req = new Request(url, {
    method: opts.method ?? (hasBody ? "POST" : "GET"),
    headers: {
      authorization: `Bearer ${user.apiToken}`,
      ...(opts.raw ? { "content-type": "application/octet-stream" } : opts.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: opts.raw ? new Blob([Buffer.from(opts.raw)]) : opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(opts.id ? { id: opts.id } : {}) });
  return { status: res.status, json: (await res.json()) as any };
}

const ended = (id: string, timeoutMs = 5 * MIN) => waitForJob(id, ["SUCCEEDED", "FAILED", "CANCELLED"], timeoutMs);

async function datasetOf(job: Job): Promise<Dataset> {
  return db.dataset.findFirstOrThrow({ where: { sourceJobId: job.id }, orderBy: { createdAt: "asc" } });
}

/** A few seconds per step on 2 CPU cores: tiny sequences, one sample per step, fp32 (no bf16 on CPU). */
const CPU_ARGS = {
  stage: "sft",
  finetuning_type: "lora",
  compute_type: "fp32",
  cutoff_len: 48,
  per_device_train_batch_size: 1,
  gradient_accumulation_steps: 1,
  learning_rate: 5e-4,
  lr_scheduler_type: "constant",
  logging_steps: 1,
  lora_rank: 4,
  lora_target: "q_proj,v_proj",
  flash_attn: "disabled",
};

beforeAll(async () => {
  user = await createTestUser();
  root = await tempRoot("modelyard-finetune-");
  await mkdir(path.join(root, "models"), { recursive: true });
  await cp(tc.fixtureHfDir, path.join(root, "models", "smollm2"), { recursive: true, dereference: true });
  await cp(tc.fixtureDatasetDir, path.join(root, "lf-data"), { recursive: true, dereference: true });
  worker = await startWorker({ hostName, storageRoots: [root], token: user.workerToken, env: { MODELYARD_CONCURRENCY: "2", MODELYARD_TRAIN_STOP_GRACE_MS: "120000" } });
  const job = await ended((await createJob({ kind: "model.import", hostId: worker.hostId, payload: { path: path.join(root, "models", "smollm2"), name: "smollm2" } }, user.id)).id, MIN);
  expect(job.status, JSON.stringify(job.failure)).toBe("SUCCEEDED");
  base = await db.artifact.findFirstOrThrow({ where: { sourceJobId: job.id } });
  stamp("worker up, base model registered");
}, 3 * MIN);

afterAll(async () => {
  await worker?.stop();
  await closeProducers();
  if (root && !process.env.MODELYARD_KEEP_TEST_FILES) await rm(root, { recursive: true, force: true });
});

/** The identity dataset, uploaded through the browser route (bytes streamed via PostgreSQL to the host). */
const identity = once(async () => {
  const bytes = await readFile(path.join(tc.fixtureDatasetDir, "modelyard_identity.json"));
  const res = await call(uploadRoute, { raw: bytes, query: { hostId: worker.hostId, fileName: "identity.json", name: "identity" } });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  const job = await ended(res.json.job.id, MIN);
  expect(job.status, JSON.stringify(job.failure)).toBe("SUCCEEDED");
  return datasetOf(job);
});

describe("datasets", { timeout: 3 * MIN }, () => {
  it("uploads a dataset into the host's storage root and registers it with its report", async () => {
    const ds = await identity();
    expect(ds.path.startsWith(path.join(await realRoot(), "datasets") + path.sep)).toBe(true);
    expect(ds).toMatchObject({ format: "alpaca", purpose: "sft", errorCount: 0 });
    expect(ds.validRows).toBe(ds.rows);
    expect(ds.rows).toBeGreaterThan(5);
    expect(await db.uploadChunk.count({ where: { upload: { hostId: worker.hostId } } })).toBe(0);
    const preview = await call(previewRoute, { id: ds.id, query: { modelId: base.id } });
    expect(preview.status).toBe(200);
    expect(preview.json.templateSource).toBe("model");
    // SmolLM2's own ChatML template around the first sample's instruction
    expect(preview.json.samples[0].text).toContain("<|im_start|>user");
  });

  it("counts token lengths with the model's own tokenizer and chat template", async () => {
    const ds = await identity();
    const res = await call(tokensRoute, { id: ds.id, body: { modelId: base.id, cutoffLen: 40 } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const job = await ended(res.json.job.id, 2 * MIN);
    expect(job.status, `${JSON.stringify(job.failure)}\n${job.logTail}`).toBe("SUCCEEDED");
    const t = ((await db.dataset.findUniqueOrThrow({ where: { id: ds.id } })).report as any).tokens[base.id];
    expect(t).toMatchObject({ rows: ds.validRows, chatTemplate: true, cutoffLen: 40, modelName: "smollm2" });
    // ChatML wrapping adds tokens beyond the words: every prompt has some, every row more
    expect(t.promptTokens.min).toBeGreaterThan(5);
    expect(t.totalTokens.p50).toBeGreaterThan(t.promptTokens.p50);
    expect(t.overCutoff).toBeGreaterThan(0);
    expect(t.overCutoff).toBeLessThanOrEqual(ds.validRows);
  });

  it("imports a LLaMA-Factory data folder: every dataset its dataset_info.json names", async () => {
    const res = await call(importDatasetRoute, { body: { hostId: worker.hostId, path: path.join(root, "lf-data") } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const job = await ended(res.json.job.id, MIN);
    expect(job.status, JSON.stringify(job.failure)).toBe("SUCCEEDED");
    const rows = await db.dataset.findMany({ where: { sourceJobId: job.id }, orderBy: { name: "asc" } });
    expect(rows.map((r) => [r.name, r.format, r.errorCount])).toEqual([
      ["modelyard_identity", "alpaca", 0],
      ["modelyard_sharegpt", "sharegpt", 0],
    ]);
  });

  const bad: [string, string | Buffer, string, RegExp][] = [
    ["invalid JSON", '[{"instruction": "hi", "output": "x"},\n {"instruction": "oops" "output": "y"}]', "invalid_dataset_file", /line 2/],
    ["non-UTF-8", Buffer.from([0x5b, 0x7b, 0x22, 0x69, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x5d]), "invalid_dataset_file", /UTF-8/],
    ["rows that are all invalid (empty outputs)", JSON.stringify([{ instruction: "a", output: "" }, { instruction: "b", output: "" }]), "no_valid_rows", /row 1.*output/],
    ["wrong role order", JSON.stringify([{ conversations: [{ from: "gpt", value: "hi" }, { from: "human", value: "x" }] }]), "no_valid_rows", /conversations\[0\]\.from/],
    ["a huge row", JSON.stringify([{ instruction: "x".repeat(1_100_000), output: "y" }]), "invalid_dataset_file", /is huge/],
  ];
  for (const [what, content, code, message] of bad) {
    it(`refuses ${what} with the row and field named`, async () => {
      const file = path.join(root, "bad", `${what.replace(/\W+/g, "_")}.json`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
      const res = await call(importDatasetRoute, { body: { hostId: worker.hostId, path: file } });
      const job = await ended(res.json.job.id, MIN);
      expect(job.status).toBe("FAILED");
      expect(job.failure).toMatchObject({ code });
      expect((job.failure as { message: string }).message).toMatch(message);
    });
  }

  it("refuses a dataset file that is a link out of the storage roots", async () => {
    const outside = await tempRoot("modelyard-outside-");
    await writeFile(path.join(outside, "secret.json"), JSON.stringify([{ instruction: "a", output: "b" }]));
    await symlink(path.join(outside, "secret.json"), path.join(root, "link.json"));
    const res = await call(importDatasetRoute, { body: { hostId: worker.hostId, path: path.join(root, "link.json") } });
    const job = await ended(res.json.job.id, MIN);
    expect(job.failure).toMatchObject({ code: "path_outside_roots" });
    await rm(outside, { recursive: true, force: true });
  });
});

async function realRoot() {
  return (await import("node:fs/promises")).realpath(root);
}

async function points(jobId: string) {
  const res = await call(trainingRoute, { id: jobId });
  expect(res.status).toBe(200);
  return res.json as { runId: string; attempts: { id: string; status: string }[]; points: { step: number; loss?: number; segment: number; attempt: number; totalSteps?: number }[] };
}

/** One finished LoRA run on the identity data: the adapter later tests merge and convert. */
const finishedRun = once(async () => {
  const ds = await identity();
  const res = await call(finetuneRoute, { id: base.id, body: { datasetIds: [ds.id], gpus: 0, name: "smollm2-identity-lora", args: { ...CPU_ARGS, max_steps: 6, save_steps: 3 } } });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  const job = await ended(res.json.job.id, 10 * MIN);
  expect(job.status, `${JSON.stringify(job.failure)}\n${job.logTail}`).toBe("SUCCEEDED");
  stamp("first run finished");
  return job;
});

describe("fine-tuning", { timeout: 12 * MIN }, () => {
  it("checks a plan before launch: refusals, the YAML and the memory estimate", async () => {
    const ds = await identity();
    const ok = await call(checkRoute, { id: base.id, body: { datasetIds: [ds.id], gpus: 0, args: CPU_ARGS } });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.errors).toEqual([]);
    expect(ok.json.yaml).toMatch(/finetuning_type: lora/);
    expect(ok.json.yaml).toContain(`dataset: ds_${ds.id}`);
    expect(ok.json.memory.perDeviceGiB).toBeGreaterThan(0);
    const bf16 = await call(checkRoute, { id: base.id, body: { datasetIds: [ds.id], gpus: 0, args: { ...CPU_ARGS, compute_type: "bf16" } } });
    expect(bf16.json.errors.map((e: { field: string }) => e.field)).toContain("compute_type");
    const qloraFull = await call(finetuneRoute, { id: base.id, body: { datasetIds: [ds.id], gpus: 0, args: { ...CPU_ARGS, finetuning_type: "full", quantization_bit: 4 } } });
    expect(qloraFull.status).toBe(409);
    expect(qloraFull.json.error.code).toBe("training_args_refused");
    const gpus = await call(finetuneRoute, { id: base.id, body: { datasetIds: [ds.id], gpus: 1, args: CPU_ARGS } });
    expect(gpus.status).toBe(409);
    expect(gpus.json.error.code).toBe("not_enough_gpus");
  });

  it("trains a LoRA adapter, follows trainer_log.jsonl live and registers the adapter with its lineage", async () => {
    const job = await finishedRun();
    const m = await points(job.id);
    expect(m.points.filter((p) => p.loss !== undefined).map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.points.every((p) => p.totalSteps === 6)).toBe(true);
    const adapter = await db.artifact.findFirstOrThrow({ where: { sourceJobId: job.id } });
    expect(adapter).toMatchObject({ kind: "LORA_ADAPTER", parentId: base.id, name: "smollm2-identity-lora" });
    const training = readArtifactMetadata(adapter.metadata).training!;
    expect(training).toMatchObject({ runId: job.id, baseModelId: base.id, datasetIds: [(await identity()).id], stage: "sft", finetuningType: "lora", steps: 6 });
    expect(training.trainLoss).toBeGreaterThan(0);
    const files = await readdir(adapter.path);
    expect(files).toEqual(expect.arrayContaining(["adapter_model.safetensors", "adapter_config.json", "trainer_log.jsonl", "modelyard_train.yaml", "checkpoint-6"]));
  });

  it("cancels gracefully with a checkpoint at the current step, then resumes it as a new attempt", async () => {
    const ds = await identity();
    // save_steps far beyond max_steps: the only checkpoint is the one the graceful stop writes
    const res = await call(finetuneRoute, { id: base.id, body: { datasetIds: [ds.id], gpus: 0, args: { ...CPU_ARGS, max_steps: 40, save_steps: 1000 } } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const first = res.json.job.id as string;
    await waitFor("two logged steps", async () => {
      const j = await db.job.findUniqueOrThrow({ where: { id: first } });
      if (j.status !== "RUNNING" && j.status !== "QUEUED") throw new Error(`run ended early: ${j.status} ${JSON.stringify(j.failure)}\n${j.logTail}`);
      return (await points(first)).points.length >= 2;
    }, 5 * MIN, 300);
    await cancelJob(first);
    const cancelled = await ended(first, 4 * MIN);
    expect(cancelled.status).toBe("CANCELLED");
    const runDir = path.join(await realRoot(), "runs", first);
    const checkpoints = (await readdir(runDir)).filter((f) => f.startsWith("checkpoint-"));
    expect(checkpoints.length).toBe(1);
    const savedAt = Number(checkpoints[0].split("-")[1]);
    expect(savedAt).toBeGreaterThanOrEqual(2);
    expect(savedAt).toBeLessThan(40);
    stamp(`cancelled with checkpoint at step ${savedAt}`);

    const resumed = await call(resumeRoute, { id: first, method: "POST" });
    expect(resumed.status, JSON.stringify(resumed.json)).toBe(200);
    const again = await call(resumeRoute, { id: first, method: "POST" });
    expect(again.status).toBe(409);
    const second = await ended(resumed.json.job.id, 10 * MIN);
    expect(second.status, `${JSON.stringify(second.failure)}\n${second.logTail}`).toBe("SUCCEEDED");
    const m = await points(second.id);
    expect(m.runId).toBe(first);
    expect(m.attempts.map((a) => a.status)).toEqual(["CANCELLED", "SUCCEEDED"]);
    const resumedSteps = m.points.filter((p) => p.attempt === 1).map((p) => p.step);
    expect(resumedSteps[0]).toBe(savedAt + 1);
    expect(resumedSteps[resumedSteps.length - 1]).toBe(40);
    // one adapter for the run, updated by the attempt that finished it
    const adapters = await db.artifact.findMany({ where: { path: runDir } });
    expect(adapters).toHaveLength(1);
    expect(readArtifactMetadata(adapters[0].metadata).training).toMatchObject({ runId: first, steps: 40 });
  });

  it("merges the adapter into its base with llamafactory-cli export, and the merge converts to GGUF", async () => {
    const run = await finishedRun();
    const adapter = await db.artifact.findFirstOrThrow({ where: { sourceJobId: run.id } });
    const res = await call(exportRoute, { id: adapter.id, body: { args: { export_size: 1, export_device: "cpu" }, name: "smollm2-identity-merged" } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const job = await ended(res.json.job.id, 5 * MIN);
    expect(job.status, `${JSON.stringify(job.failure)}\n${job.logTail}`).toBe("SUCCEEDED");
    const merged = await db.artifact.findFirstOrThrow({ where: { sourceJobId: job.id } });
    expect(merged).toMatchObject({ kind: "HF_MODEL", parentId: adapter.id, architecture: "LlamaForCausalLM" });
    expect(readArtifactMetadata(merged.metadata).training).toMatchObject({ mergedFromId: adapter.id, runId: run.id });
    expect(merged.chatTemplate).toContain("<|im_start|>");

    const gptqOnAdapter = await call(exportRoute, { id: adapter.id, body: { args: { export_quantization_bit: 4, export_quantization_dataset: "/x/c4.jsonl" } } });
    expect(gptqOnAdapter.status).toBe(409);

    const convert = await call(convertRoute, { id: merged.id, body: { outtype: "f16" } });
    expect(convert.status, JSON.stringify(convert.json)).toBe(200);
    const conv = await ended(convert.json.job.id, 5 * MIN);
    expect(conv.status, `${JSON.stringify(conv.failure)}\n${conv.logTail}`).toBe("SUCCEEDED");
    const gguf = await db.artifact.findFirstOrThrow({ where: { sourceJobId: conv.id } });
    expect(gguf).toMatchObject({ kind: "GGUF", parentId: merged.id, precision: "F16" });
  });
});
