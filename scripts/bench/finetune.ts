// Benchmark: a LoRA fine-tune launched through Modelyard against the same `llamafactory-cli train`
// YAML run by hand (the YAML a Modelyard run generated, with only output_dir changed). Runs are
// interleaved (hand, Modelyard, hand, ...) so background load hits both alike. Reports
//   - training steps per second (LLaMA-Factory's own train_steps_per_second): ratio, target ≥ 0.98
//   - launch → first training step (the first trainer_log.jsonl line appears): overhead, target < 1 s
// Needs the toolchain (npm run toolchain), PostgreSQL and Redis from the environment:
//   DATABASE_URL=... QUEUE_PREFIX=modelyard-bench npx tsx scripts/bench/finetune.ts [runs=3] [steps=20]
import { cp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse, stringify } from "yaml";
import { db } from "../../lib/db/client";
import { createJob } from "../../lib/jobs/create-job";
import { closeProducers } from "../../lib/queue/producer";
import { createTestUser, startWorker, tempRoot, waitForJob } from "../../tests/helpers/stack";
import { loadToolchain } from "../../tests/helpers/toolchain";
import { median, spawnQuiet } from "./by-hand";

const runs = Number(process.argv[2] ?? 3);
const steps = Number(process.argv[3] ?? 20);
const tc = loadToolchain();
const now = () => performance.timeOrigin + performance.now();

/** Resolves with the wall-clock time the file first holds a line. */
async function firstLineAt(file: string, timeoutMs = 10 * 60_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const st = await stat(file).catch(() => null);
    if (st && st.size > 0) return now();
    if (Date.now() > end) throw new Error(`${file} got no line in time`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stepsPerSecond(dir: string): Promise<number> {
  return (JSON.parse(await readFile(path.join(dir, "all_results.json"), "utf8")) as { train_steps_per_second: number }).train_steps_per_second;
}

const args = {
  stage: "sft", finetuning_type: "lora", compute_type: "fp32", cutoff_len: 64, per_device_train_batch_size: 1, gradient_accumulation_steps: 1,
  learning_rate: 5e-4, lr_scheduler_type: "constant", logging_steps: 1, save_steps: 10_000, lora_rank: 8, lora_target: "all", flash_attn: "disabled", max_steps: steps,
};

const user = await createTestUser();
const root = await tempRoot("modelyard-bench-finetune-");
const hfDir = path.join(root, "models", "smollm2");
await mkdir(path.dirname(hfDir), { recursive: true });
await cp(tc.fixtureHfDir, hfDir, { recursive: true, dereference: true });
await cp(path.join(tc.fixtureDatasetDir, "modelyard_identity.json"), path.join(root, "identity.json"));
const handDir = path.join(root, "by-hand");
await mkdir(handDir);
const worker = await startWorker({ hostName: `bench-finetune-${process.pid}`, storageRoots: [root], token: user.workerToken });

async function runJob(kind: string, payload: unknown, timeoutMs = 10 * 60_000) {
  const job = await createJob({ kind, hostId: worker.hostId, payload }, user.id);
  const done = await waitForJob(job.id, ["SUCCEEDED", "FAILED", "CANCELLED"], timeoutMs);
  if (done.status !== "SUCCEEDED") throw new Error(`${kind} failed: ${JSON.stringify(done.failure)}\n${done.logTail}`);
  return done;
}

/** By hand, as an engineer would: the CLI with the YAML, no GPU visible (as Modelyard gives a CPU job). */
const trainByHand = (yaml: string) => spawnQuiet([tc.llamafactoryCli, "train", yaml], { ...process.env, CUDA_VISIBLE_DEVICES: "", DISABLE_VERSION_CHECK: "1" });

try {
  await runJob("model.import", { path: hfDir, name: "smollm2" }, 60_000);
  const base = await db.artifact.findFirstOrThrow({ where: { path: { endsWith: "smollm2" }, hostId: worker.hostId } });
  await runJob("dataset.import", { path: path.join(root, "identity.json"), name: "identity" }, 60_000);
  const ds = await db.dataset.findFirstOrThrow({ where: { hostId: worker.hostId } });

  const rows: { handSps: number; yardSps: number; handLaunchMs: number; yardLaunchMs: number }[] = [];
  let template: Record<string, unknown> | null = null;
  for (let i = 0; i <= runs; i++) {
    const warmup = i === 0;
    let handSps = 0;
    let handLaunchMs = 0;
    if (template) {
      const out = path.join(handDir, `run${i}`);
      const yaml = path.join(handDir, `run${i}.yaml`);
      await writeFile(yaml, stringify({ ...template, output_dir: out }));
      const t0 = now();
      const first = firstLineAt(path.join(out, "trainer_log.jsonl"));
      await trainByHand(yaml);
      handLaunchMs = (await first) - t0;
      handSps = await stepsPerSecond(out);
    }

    const t1 = now();
    const job = await createJob({ kind: "model.finetune", hostId: worker.hostId, payload: { baseModelId: base.id, datasetIds: [ds.id], gpus: 0, args } }, user.id);
    const runDir = path.join(root, "runs", job.id);
    const first = firstLineAt(path.join(runDir, "trainer_log.jsonl"));
    const done = await waitForJob(job.id, ["SUCCEEDED", "FAILED", "CANCELLED"], 10 * 60_000);
    if (done.status !== "SUCCEEDED") throw new Error(`fine-tune failed: ${JSON.stringify(done.failure)}\n${done.logTail}`);
    const yardLaunchMs = (await first) - t1;
    const yardSps = await stepsPerSecond(runDir);
    template ??= parse(await readFile(path.join(runDir, "modelyard_train.yaml"), "utf8")) as Record<string, unknown>;
    console.log(`${warmup ? "warm-up" : `run ${i}`}: by hand ${handSps.toFixed(3)} steps/s, first step after ${(handLaunchMs / 1000).toFixed(2)} s; Modelyard ${yardSps.toFixed(3)} steps/s, first step after ${(yardLaunchMs / 1000).toFixed(2)} s`);
    if (!warmup) rows.push({ handSps, yardSps, handLaunchMs, yardLaunchMs });
  }
  const result = {
    runs,
    steps,
    byHandStepsPerSecondMedian: +median(rows.map((r) => r.handSps)).toFixed(3),
    modelyardStepsPerSecondMedian: +median(rows.map((r) => r.yardSps)).toFixed(3),
    stepsPerSecondRatio: +median(rows.map((r) => r.yardSps / r.handSps)).toFixed(3),
    launchToFirstStepByHandS: +(median(rows.map((r) => r.handLaunchMs)) / 1000).toFixed(2),
    launchToFirstStepModelyardS: +(median(rows.map((r) => r.yardLaunchMs)) / 1000).toFixed(2),
    launchOverheadS: +(median(rows.map((r) => r.yardLaunchMs - r.handLaunchMs)) / 1000).toFixed(2),
    targets: "steps/s ratio ≥ 0.98; launch overhead < 1 s",
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await worker.stop();
  await closeProducers();
  await rm(root, { recursive: true, force: true });
  await db.$disconnect();
}
