import type { FinetuneContext, FinetuneInput } from "../jobs/kinds/model-finetune";
import { checkFinetune } from "../jobs/kinds/model-finetune";
import { readArtifactMetadata } from "../models/artifact-metadata";
import { deepspeedConfig } from "../tools/llamafactory/deepspeed";
import { estimateTrainMemory } from "../tools/llamafactory/memory-estimate";
import { buildTrainConfig, trainConfigToYaml } from "../tools/llamafactory/train-yaml";

/** The run folder is chosen by the worker; the preview names it like this. */
const RUN_FOLDER = "<storage root>/runs/<run id>";

/**
 * What the form shows before launching: the same refusals the route applies, warnings, the exact
 * YAML (paths on the host shown as placeholders where the worker decides them), the DeepSpeed
 * config, and the per-GPU memory estimate against the host's free memory.
 */
export function checkFinetunePlan(input: FinetuneInput, ctx: FinetuneContext) {
  const { errors, warnings } = checkFinetune(input, ctx);
  const a = input.args;
  const ds = a.ds_stage === "none" ? null : deepspeedConfig(Number(a.ds_stage) as 0 | 1 | 2 | 3, a.ds_offload);
  const config = buildTrainConfig(a, {
    modelPath: (ctx.model as { path?: string }).path ?? "<model path>",
    template: a.template ?? null,
    datasetDir: "<storage root>/datasets/.llamafactory/<content hash>",
    datasets: ctx.datasets.map((d) => `ds_${d.id}`),
    evalDatasets: ctx.evalDatasets.map((d) => `ds_${d.id}`),
    outputDir: RUN_FOLDER,
    deepspeedConfigPath: ds ? `${RUN_FOLDER}/ds_z${a.ds_stage}${a.ds_offload ? "_offload" : ""}_config.json` : null,
    resumeFromCheckpoint: null,
    overwriteOutputDir: true,
    extra: input.extra,
  });
  return { errors, warnings, yaml: trainConfigToYaml(config), deepspeed: ds, memory: memoryFit(input, ctx) };
}

function memoryFit(input: FinetuneInput, ctx: FinetuneContext) {
  const meta = readArtifactMetadata(ctx.model.metadata);
  const parameterCount = meta.parameterCount ?? null;
  if (!parameterCount) return null;
  const a = input.args;
  const est = estimateTrainMemory({
    parameterCount,
    hiddenSize: meta.hiddenSize ?? undefined,
    numLayers: meta.numLayers ?? undefined,
    vocabSize: meta.vocabSize ?? undefined,
    finetuning_type: a.finetuning_type,
    quantization_bit: a.quantization_bit,
    compute_type: a.compute_type,
    ds_stage: a.ds_stage,
    ds_offload: a.ds_offload,
    gpuCount: Math.max(1, input.gpus),
    per_device_train_batch_size: a.per_device_train_batch_size,
    cutoff_len: a.cutoff_len,
    gradientCheckpointing: !a.disable_gradient_checkpointing,
    lora_rank: a.lora_rank,
  });
  const gpus = ctx.host.gpus.filter((g) => ctx.host.gpuSlots.includes(g.index)).slice(0, input.gpus);
  const freeGiB = gpus.length ? Math.min(...gpus.map((g) => (g.memoryTotalMiB - g.memoryUsedMiB) / 1024)) : null;
  return { ...est, freeGiB, fits: freeGiB === null ? null : est.perDeviceGiB <= freeGiB };
}
