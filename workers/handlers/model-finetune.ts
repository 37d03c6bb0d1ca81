import { writeFile } from "node:fs/promises";
import path from "node:path";
import { db, type Dataset } from "../../lib/db/client";
import { JobError } from "../../lib/errors";
import { readConfinedJson, READ_CAPS } from "../../lib/hosts/confined-read";
import { resolveExistingInsideRoots } from "../../lib/hosts/storage-paths";
import type { ModelFinetunePayload } from "../../lib/jobs/kinds/model-finetune";
import { deepspeedConfig } from "../../lib/tools/llamafactory/deepspeed";
import { TrainerLog } from "../../lib/tools/llamafactory/trainer-log";
import { buildTrainConfig, trainConfigToYaml } from "../../lib/tools/llamafactory/train-yaml";
import { classifyTrainingFailure, detectNanLoss } from "../../lib/tools/llamafactory/training-failures";
import type { JobContext } from "../job-context";
import { loadArtifactOnHost } from "./conversion/artifacts";
import { lfDatasetName, writeDatasetDir } from "./finetune/dataset-dir";
import { FileFollower } from "./finetune/follow-file";
import { freePort } from "./finetune/free-port";
import { joinGang, watchGang } from "./finetune/gang";
import { AbortedError } from "../runner/run-tool";
import { LF_HOOKS_DIR, locateLlamaFactoryCli } from "./finetune/locate-llamafactory";
import { registerTrainedOutput } from "./finetune/register-output";
import { latestCheckpoint, runFolder } from "./finetune/run-folder";

/** After SIGABRT LLaMA-Factory finishes the current step and saves a checkpoint; a large model's save takes minutes. */
const GRACEFUL_STOP_MS = Number(process.env.MODELYARD_TRAIN_STOP_GRACE_MS ?? 300_000);

/** model.finetune: one attempt of a run, `llamafactory-cli train` with a generated YAML. */
export async function handleModelFinetune(ctx: JobContext<ModelFinetunePayload>) {
  const p = ctx.payload;
  const roots = ctx.host.storageRoots;
  ctx.progress(0.005, "preparing the run", true);
  const cli = locateLlamaFactoryCli();
  // A multi-node part on another host reads the model and datasets from the same paths (shared
  // storage); they are registered on node 0's host, and confined to this host's roots below.
  const shared = !!p.node && p.node.rank > 0;
  const base = shared ? await loadSharedArtifact(p.baseModelId, roots) : await loadArtifactOnHost(ctx, p.baseModelId);
  // LLaMA-Factory opens the model folder: resolved inside the roots now, not trusted from registration.
  const modelDir = (await resolveExistingInsideRoots(base.path, roots)).real;
  const datasets = await loadDatasets(ctx, p.datasetIds, shared);
  const evalDatasets = await loadDatasets(ctx, p.evalDatasetIds, shared);
  const runId = p.runId ?? ctx.job.id;
  const outputDir = await runFolder(runId, roots);

  // A job delivered again (its worker shut down mid-run, which stops training with a checkpoint)
  // continues from that checkpoint instead of overwriting the folder and starting over.
  const redelivered = ctx.job.deliveries > 1;
  const checkpoint = p.resume || redelivered ? await latestCheckpoint(outputDir, roots) : null;
  if (p.resume && !checkpoint) {
    throw new JobError("no_checkpoint", `Run ${runId} has no checkpoint to resume from`, "Start the run again (clone it); checkpoints are written every save_steps steps and when a run is cancelled.");
  }
  const resumeFrom = checkpoint?.path ?? null;
  if (checkpoint) ctx.log(`resuming from ${checkpoint.path} (step ${checkpoint.step})${p.resume ? "" : " after the job was delivered again"}`);

  const datasetDir = await writeDatasetDir(roots, [...datasets, ...evalDatasets]);
  let deepspeedPath: string | null = null;
  if (p.args.ds_stage !== "none") {
    deepspeedPath = path.join(outputDir, `ds_z${p.args.ds_stage}${p.args.ds_offload ? "_offload" : ""}_config.json`);
    await writeFile(deepspeedPath, JSON.stringify(deepspeedConfig(Number(p.args.ds_stage) as 0 | 1 | 2 | 3, p.args.ds_offload), null, 2));
  }
  const node = p.node;
  const rendezvous = node ? await joinGang(ctx) : null;
  const config = buildTrainConfig(p.args, {
    modelPath: modelDir,
    template: p.args.template ?? null,
    datasetDir,
    datasets: datasets.map(lfDatasetName),
    evalDatasets: evalDatasets.map(lfDatasetName),
    outputDir,
    deepspeedConfigPath: deepspeedPath,
    resumeFromCheckpoint: resumeFrom,
    overwriteOutputDir: !resumeFrom,
    // torchrun on CPU-only nodes (tests, smoke runs): transformers must use gloo, not NCCL.
    extra: node && p.gpus === 0 ? { ddp_backend: "gloo", ...p.extra } : p.extra,
  });
  const yamlPath = path.join(outputDir, "modelyard_train.yaml");
  await writeFile(yamlPath, trainConfigToYaml(config));
  ctx.log(`training config: ${yamlPath}`);

  const trainerLog = new TrainerLog();
  const follower = new FileFollower(path.join(outputDir, "trainer_log.jsonl"), roots, (line) => onTrainerLine(ctx, trainerLog, line));
  // A resumed attempt appends to the same trainer_log.jsonl: skip what earlier attempts wrote.
  if (resumeFrom) await follower.skipExisting();
  const useTorchrun = p.gpus > 1 || deepspeedPath !== null || !!node;
  const env: Record<string, string> = {
    // LLaMA-Factory's graceful stop (SIGABRT) exists only in its web UI mode.
    LLAMABOARD_ENABLED: "1",
    LLAMABOARD_WORKDIR: outputDir,
    MODELYARD_SAVE_ON_ABORT: "1",
    PYTHONPATH: LF_HOOKS_DIR,
    DISABLE_VERSION_CHECK: "1",
    PYTHONUNBUFFERED: "1",
    // LLaMA-Factory re-executes itself under `torchrun`, found on PATH: the one next to its CLI.
    PATH: [path.dirname(cli), process.env.PATH].filter(Boolean).join(path.delimiter),
    ...(useTorchrun ? { FORCE_TORCHRUN: "1", NPROC_PER_NODE: String(Math.max(1, p.gpus)), MASTER_ADDR: "127.0.0.1", MASTER_PORT: String(await freePort()) } : {}),
    ...(node && rendezvous
      ? { NNODES: String(node.count), NODE_RANK: String(node.rank), MASTER_ADDR: rendezvous.masterAddr, MASTER_PORT: String(rendezvous.masterPort) }
      : {}),
    ...(p.gpus > 0 ? { RECORD_VRAM: "1" } : {}),
  };
  follower.start();
  const gang = node ? watchGang(ctx) : null;
  try {
    await ctx.run([cli, "train", yamlPath], {
      stop: gang?.stop,
      tool: "llamafactory-cli train",
      env,
      cwd: outputDir,
      gracefulSignal: "SIGABRT",
      killGraceMs: GRACEFUL_STOP_MS,
      classify: (lines) => classifyTrainingFailure(lines),
      failureCode: "training_failed",
    });
  } catch (err) {
    const why = gang?.reason();
    if (why && err instanceof AbortedError && !ctx.signal.aborted) {
      throw new JobError("gang_aborted", `The multi-node run stopped: ${why}`, "See that part's log; resume the run once every node is back.");
    }
    throw err;
  } finally {
    gang?.dispose();
    await follower.stop();
  }

  if (node && node.rank > 0) {
    // Only global rank 0 (on the master node) saves the weights; this node's part is done.
    ctx.progress(1, "done", true);
    return { runId, outputDir, nodeRank: node.rank };
  }
  ctx.progress(0.99, "registering the output", true);
  const results = await readResults(outputDir, roots);
  const latest = trainerLog.latest();
  const artifact = await registerTrainedOutput(ctx, {
    dir: outputDir,
    name: p.name ?? `${base.name}-${p.args.finetuning_type}`,
    parentId: base.id,
    chatTemplate: base.chatTemplate,
    training: {
      runId,
      jobId: ctx.job.id,
      baseModelId: base.id,
      datasetIds: p.datasetIds,
      template: p.args.template ?? null,
      stage: p.args.stage,
      finetuningType: p.args.quantization_bit ? "qlora" : p.args.finetuning_type,
      quantizationBit: p.args.quantization_bit ?? null,
      steps: latest?.step ?? null,
      trainLoss: typeof results.train_loss === "number" ? results.train_loss : null,
      trainRuntimeSeconds: typeof results.train_runtime === "number" ? results.train_runtime : null,
    },
  });
  ctx.log(`registered ${artifact.kind === "LORA_ADAPTER" ? "adapter" : "model"} ${artifact.id} at ${outputDir}`);
  ctx.progress(1, "done", true);
  return { artifactId: artifact.id, runId, outputDir, steps: latest?.step ?? null, results };
}

async function loadSharedArtifact(id: string, roots: string[]) {
  const a = await db.artifact.findUnique({ where: { id } });
  if (!a) throw new JobError("artifact_not_found", `Model ${id} is not registered`, "Pick a model from the Models page.");
  try {
    await resolveExistingInsideRoots(a.path, roots);
  } catch (err) {
    throw new JobError("not_on_shared_storage", `${a.path} is not reachable inside this host's storage roots (${(err as Error).message})`, "Multi-node runs need the model and datasets at the same paths on every node: put them on shared storage inside every node's storage roots.");
  }
  return a;
}

async function loadDatasets(ctx: JobContext<ModelFinetunePayload>, ids: string[], shared = false): Promise<Dataset[]> {
  if (!ids.length) return [];
  const rows = await db.dataset.findMany({ where: { id: { in: ids } } });
  for (const id of ids) {
    const d = rows.find((r) => r.id === id);
    if (!d) throw new JobError("dataset_not_found", `Dataset ${id} is not registered`, "Pick datasets from the Datasets page.");
    if (!shared && d.hostId !== ctx.host.id) throw new JobError("wrong_host", `Dataset ${d.name} lives on another host`, "Register the dataset on the model's host.");
  }
  return ids.map((id) => rows.find((r) => r.id === id)!);
}

/** Each trainer_log.jsonl line: progress with step, epoch and ETA, and a metric event the charts draw. */
function onTrainerLine(ctx: JobContext<ModelFinetunePayload>, log: TrainerLog, line: string) {
  if (!log.push(line)) return;
  const s = log.latest();
  const point = log.lastPoint();
  if (point) ctx.sink.event({ type: "METRIC", payload: { name: "train", ...point, ...(s?.totalSteps ? { totalSteps: s.totalSteps } : {}) } });
  const entry = log.lastEntry();
  const nan = entry ? detectNanLoss(entry) : null;
  if (nan) ctx.log(`warning: ${nan.message} ${nan.hint}`);
  if (s?.step != null && s.totalSteps) {
    const eta = s.remainingSeconds != null ? ` · ETA ${formatSeconds(s.remainingSeconds)}` : "";
    const epoch = s.epoch != null ? ` · epoch ${s.epoch.toFixed(2)}` : "";
    ctx.progress(Math.min(0.98, 0.02 + 0.96 * (s.step / s.totalSteps)), `step ${s.step}/${s.totalSteps}${epoch}${eta}`);
  }
}

function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = Math.floor(total % 60);
  return h ? `${h}h${String(m).padStart(2, "0")}m` : `${m}m${String(sec).padStart(2, "0")}s`;
}

async function readResults(outputDir: string, roots: string[]): Promise<Record<string, unknown>> {
  try {
    const r = await readConfinedJson(path.join(outputDir, "all_results.json"), { roots, maxBytes: READ_CAPS.jsonConfig });
    return r && typeof r === "object" ? (r as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

