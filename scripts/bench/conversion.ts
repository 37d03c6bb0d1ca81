// Benchmark: HF → GGUF F16 → Q4_K_M through Modelyard (convert job created → its quantize child
// SUCCEEDED) against the same two llama.cpp commands spawned by hand on the same input.
// Runs are interleaved (hand, Modelyard, hand, ...) so background load hits both alike; prints
// medians and the ratio (target ≤ 1.05). Needs the toolchain (npm run toolchain), PostgreSQL and
// Redis from the environment:
//   DATABASE_URL=... QUEUE_PREFIX=modelyard-bench npx tsx scripts/bench/conversion.ts [runs=5]
import { cp, mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { db } from "../../lib/db/client";
import { createJob } from "../../lib/jobs/create-job";
import { closeProducers } from "../../lib/queue/producer";
import { convertArgv, convertEnv } from "../../lib/tools/llama-cpp/convert";
import { quantizeArgv } from "../../lib/tools/llama-cpp/quantize";
import { createTestUser, startWorker, tempRoot, waitForJob } from "../../tests/helpers/stack";
import { loadToolchain } from "../../tests/helpers/toolchain";
import { median, spawnQuiet } from "./by-hand";

const runs = Number(process.argv[2] ?? 5);
const tc = loadToolchain();
const user = await createTestUser();
const root = await tempRoot("modelyard-bench-convert-");
const hfDir = path.join(root, "models", "smollm2");
await mkdir(path.dirname(hfDir), { recursive: true });
await cp(tc.fixtureHfDir, hfDir, { recursive: true, dereference: true });
const handDir = path.join(root, "by-hand");
await mkdir(handDir);
const worker = await startWorker({ hostName: `bench-convert-${process.pid}`, storageRoots: [root], token: user.workerToken });

try {
  const imp = await createJob({ kind: "model.import", hostId: worker.hostId, payload: { path: hfDir, name: "smollm2" } }, user.id);
  const impDone = await waitForJob(imp.id, ["SUCCEEDED", "FAILED"], 60_000);
  if (impDone.status !== "SUCCEEDED") throw new Error(`import failed: ${JSON.stringify(impDone.failure)}`);
  const hf = await db.artifact.findFirstOrThrow({ where: { sourceJobId: imp.id } });

  const hand: number[] = [];
  const yard: number[] = [];
  const yardSteps: { convert: number; quantize: number; gap: number }[] = [];
  for (let i = 0; i <= runs; i++) {
    const warmup = i === 0;
    // By hand: the same argv Modelyard builds, spawned directly.
    const f16 = path.join(handDir, `run${i}-F16.gguf`);
    const q4 = path.join(handDir, `run${i}-Q4_K_M.gguf`);
    const scratch = path.join(os.tmpdir(), `bench-hf-home-${process.pid}`);
    const t0 = performance.now();
    await spawnQuiet(convertArgv({ python: tc.python, script: tc.llamaCppConvert, modelDir: hfDir, outFile: f16, outtype: "f16", modelName: `hand${i}` }), { ...process.env, ...convertEnv(scratch) }, path.dirname(tc.llamaCppConvert));
    await spawnQuiet(quantizeArgv({ binary: path.join(tc.llamaCppBinDir, "llama-quantize"), input: f16, output: q4, type: "Q4_K_M" }), process.env);
    const handMs = performance.now() - t0;
    await rm(f16, { force: true });
    await rm(q4, { force: true });

    // Through Modelyard: job created → convert SUCCEEDED → quantize child SUCCEEDED.
    const t1 = performance.now();
    const job = await createJob({ kind: "model.convert", hostId: worker.hostId, payload: { artifactId: hf.id, outtype: "f16", name: `bench${i}`, followUp: { quantize: ["Q4_K_M"] } } }, user.id);
    const conv = await waitForJob(job.id, ["SUCCEEDED", "FAILED", "CANCELLED"], 10 * 60_000);
    if (conv.status !== "SUCCEEDED") throw new Error(`convert failed: ${JSON.stringify(conv.failure)}\n${conv.logTail}`);
    const child = await db.job.findFirstOrThrow({ where: { parentJobId: job.id, kind: "model.quantize" } });
    const quant = await waitForJob(child.id, ["SUCCEEDED", "FAILED", "CANCELLED"], 10 * 60_000);
    if (quant.status !== "SUCCEEDED") throw new Error(`quantize failed: ${JSON.stringify(quant.failure)}\n${quant.logTail}`);
    const yardMs = performance.now() - t1;
    const steps = {
      convert: conv.finishedAt!.getTime() - conv.startedAt!.getTime(),
      quantize: quant.finishedAt!.getTime() - quant.startedAt!.getTime(),
      gap: quant.startedAt!.getTime() - conv.finishedAt!.getTime(),
    };
    for (const a of await db.artifact.findMany({ where: { sourceJobId: { in: [conv.id, quant.id] } } })) {
      await rm(a.path, { force: true });
      await db.artifact.delete({ where: { id: a.id } });
    }
    console.log(`${warmup ? "warm-up" : `run ${i}`}: by hand ${(handMs / 1000).toFixed(2)} s, Modelyard ${(yardMs / 1000).toFixed(2)} s (convert job ${(steps.convert / 1000).toFixed(2)} s, child start gap ${steps.gap} ms, quantize job ${(steps.quantize / 1000).toFixed(2)} s), ratio ${(yardMs / handMs).toFixed(3)}`);
    if (warmup) continue;
    hand.push(handMs);
    yard.push(yardMs);
    yardSteps.push(steps);
  }
  const result = {
    runs,
    byHandMedianS: +(median(hand) / 1000).toFixed(2),
    modelyardMedianS: +(median(yard) / 1000).toFixed(2),
    ratioOfMedians: +(median(yard) / median(hand)).toFixed(3),
    medianPairRatio: +median(yard.map((y, i) => y / hand[i])).toFixed(3),
    childStartGapMsMedian: median(yardSteps.map((s) => s.gap)),
    target: "≤ 1.05",
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await worker.stop();
  await closeProducers();
  await rm(root, { recursive: true, force: true });
  await db.$disconnect();
}
