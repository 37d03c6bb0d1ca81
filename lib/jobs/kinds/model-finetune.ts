import { z } from "zod";
import type { DatasetPurpose } from "../../datasets/dataset-info";
import { AppError } from "../../errors";
import type { GpuInfo } from "../../hosts/system-info";
import { IdSchema } from "../../schemas/text";
import { checkTrainArgs } from "../../tools/llamafactory/check-train-args";
import { TrainArgsSchema } from "../../tools/llamafactory/train-args";
import { ArtifactNameSchema } from "./fields";
import type { JobKindSpec, Prepared, SourceModel } from "./kind";

/**
 * YAML keys Modelyard sets itself for every run (paths on the host, the launcher's choices): an
 * imported YAML's values for these are replaced, and `extra` may not carry them.
 */
export const MANAGED_TRAIN_KEYS = [
  "model_name_or_path", "adapter_name_or_path", "dataset", "eval_dataset", "dataset_dir", "media_dir", "output_dir",
  "overwrite_output_dir", "resume_from_checkpoint", "deepspeed", "do_train", "report_to", "logging_dir", "tokenized_path", "cache_dir",
  "bf16", "fp16", "pure_bf16",
] as const;

/** Keys an imported YAML carried that the form does not know; written into the YAML as they came. */
export const ExtraTrainKeysSchema = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "YAML keys are lower_snake_case"),
    // Lists and mappings too (gradient_checkpointing_kwargs, ray_init_kwargs ...): an imported YAML round-trips whole.
    z.union([z.string().max(4096), z.number(), z.boolean(), z.null(), z.array(z.unknown()).max(1000), z.record(z.string(), z.unknown())]),
  )
  .refine((o) => Object.keys(o).length <= 100, "At most 100 extra keys")
  .meta({ maxProperties: 100, description: "LLaMA-Factory keys the form does not show, kept verbatim" });

/** model.finetune: `llamafactory-cli train` on a registered HF model with registered datasets. */
export const ModelFinetunePayloadSchema = z.object({
  baseModelId: IdSchema,
  datasetIds: z.array(IdSchema).min(1).max(20),
  evalDatasetIds: z.array(IdSchema).max(20).default([]),
  args: TrainArgsSchema,
  extra: ExtraTrainKeysSchema.default({}),
  /** GPUs on the host (0 = CPU: tiny models and smoke tests only). */
  gpus: z.number().int().min(0).max(16).default(1),
  /** Name of the adapter or model the run registers. */
  name: ArtifactNameSchema.optional(),
  /** The first attempt's job id: every attempt of a run writes into the same output folder. */
  runId: IdSchema.optional(),
  /** Continue from the newest checkpoint in the run's folder instead of starting over. */
  resume: z.boolean().default(false),
});
export type ModelFinetunePayload = z.infer<typeof ModelFinetunePayloadSchema>;

/** POST /api/v1/models/{id}/finetune (and /finetune/check with the same body). */
export const FinetuneInputSchema = z
  .object({
    datasetIds: ModelFinetunePayloadSchema.shape.datasetIds,
    evalDatasetIds: ModelFinetunePayloadSchema.shape.evalDatasetIds,
    args: TrainArgsSchema,
    extra: ExtraTrainKeysSchema.default({}),
    gpus: ModelFinetunePayloadSchema.shape.gpus,
    name: ArtifactNameSchema.optional(),
  })
  .meta({ id: "FinetuneInput" });
export type FinetuneInput = z.infer<typeof FinetuneInputSchema>;

export type FinetuneDataset = { id: string; name: string; hostId: string; purpose: string; validRows: number };
export type FinetuneHost = { id: string; name: string; gpuSlots: number[]; gpus: GpuInfo[] };
export type FinetuneContext = { model: SourceModel & { chatTemplate?: string | null }; datasets: FinetuneDataset[]; evalDatasets: FinetuneDataset[]; host: FinetuneHost };

/** Every refusal of a run that the form, the route and the worker agree on; warnings are returned. */
export function checkFinetune(input: FinetuneInput, ctx: FinetuneContext) {
  const { model, host } = ctx;
  if (model.kind !== "HF_MODEL") {
    throw new AppError(409, "not_trainable", `${model.name} is a ${model.kind === "GGUF" ? "GGUF file" : "LoRA adapter"}`, "Fine-tune a Hugging Face model folder; merge an adapter into its base first to train on top of it.");
  }
  for (const d of [...ctx.datasets, ...ctx.evalDatasets]) {
    if (d.hostId !== model.hostId) {
      throw new AppError(409, "dataset_on_other_host", `Dataset ${d.name} is on another host than ${model.name}`, "Register the dataset on the model's host (upload it there or copy the file).");
    }
  }
  const forbidden = Object.keys(input.extra).filter((k) => (MANAGED_TRAIN_KEYS as readonly string[]).includes(k));
  if (forbidden.length) {
    throw new AppError(400, "managed_keys", `Modelyard sets ${forbidden.join(", ")} itself`, "Remove these keys from the extra keys; choose the model, datasets and compute type in the form.");
  }
  if (input.gpus > host.gpuSlots.length) {
    throw new AppError(409, "not_enough_gpus", `The run asks for ${input.gpus} GPUs but host ${host.name} offers ${host.gpuSlots.length}`, host.gpuSlots.length ? `Use at most ${host.gpuSlots.length}.` : "Use 0 GPUs (CPU) on this host, or pick a model on a GPU host.");
  }
  const gpus = host.gpus.filter((g) => host.gpuSlots.includes(g.index)).slice(0, input.gpus);
  const result = checkTrainArgs(input.args, {
    gpus: gpus.map((g) => ({ index: g.index, name: g.name, memoryTotalMiB: g.memoryTotalMiB, computeCapability: null })),
    gpuCount: input.gpus,
    datasetPurposes: ctx.datasets.map((d) => d.purpose as DatasetPurpose),
    baseQuantized: isQuantized(model),
    modelTemplate: null,
  });
  return result;
}

/** A GPTQ/AWQ/bnb checkpoint (its config names a quantization_config): no full training, no merge into it. */
export function isQuantized(model: SourceModel): boolean {
  const meta = model.metadata as { quantization?: unknown; config?: { quantization_config?: unknown } } | null;
  return !!(meta?.quantization || meta?.config?.quantization_config);
}

export function prepareModelFinetune(input: FinetuneInput, ctx: FinetuneContext): Prepared<z.input<typeof ModelFinetunePayloadSchema>> {
  const { errors } = checkFinetune(input, ctx);
  if (errors.length) {
    throw new AppError(409, "training_args_refused", errors.map((e) => `${e.field}: ${e.message}`).join("; "), "Change the fields named; the form shows the same checks.", errors);
  }
  return { hostId: ctx.model.hostId, payloads: [{ ...input, baseModelId: ctx.model.id, name: input.name ?? `${ctx.model.name}-${input.args.finetuning_type}-${input.args.stage}` }] };
}

export const modelFinetune = {
  name: "model.finetune",
  queue: "gpu-train",
  payload: ModelFinetunePayloadSchema,
  input: FinetuneInputSchema,
  prepare: prepareModelFinetune,
  title: (p) => ({
    key: p.resume ? "jobTitle.model.finetuneResume" : "jobTitle.model.finetune",
    params: { name: p.name ?? "model", method: p.args.quantization_bit ? "qlora" : p.args.finetuning_type, stage: p.args.stage },
  }),
  resources: (p) => ({ gpus: p.gpus }),
} as const satisfies JobKindSpec<typeof ModelFinetunePayloadSchema>;
