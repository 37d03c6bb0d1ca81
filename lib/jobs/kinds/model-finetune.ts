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

// A YAML value the form does not know, two levels deep at most (LLaMA-Factory's nested keys, like
// gradient_checkpointing_kwargs or ray_init_kwargs, are flat mappings). Spelled out rather than
// recursive so the API document states it, NUL-free strings and keys included. Lists are short
// (64 items): a request one item over any limit must still fit the 1 MB body and get its 400.
const YamlText = z.string().max(1024).regex(/^[^\u0000]*$/, "Remove NUL characters");
const YamlKey = z.string().regex(/^[^\u0000]{1,200}$/, "Keys are 1 to 200 characters without NUL");
const YamlScalar = z.union([YamlText, z.number(), z.boolean(), z.null()]);
const YamlInner = z.union([YamlScalar, z.array(YamlScalar).max(64), z.record(YamlKey, YamlScalar)]);
export const ExtraYamlValueSchema = z.union([YamlScalar, z.array(YamlInner).max(64), z.record(YamlKey, YamlInner)]);

/** Keys an imported YAML carried that the form does not know; written into the YAML as they came. */
export const ExtraTrainKeysSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "YAML keys are lower_snake_case"), ExtraYamlValueSchema)
  .refine((o) => Object.keys(o).length <= 100, "At most 100 extra keys")
  .meta({ maxProperties: 100, description: "LLaMA-Factory keys the form does not show, kept verbatim" });

/** A host address as torchrun's MASTER_ADDR takes it. */
export const HostAddressSchema = z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, "An IP address or host name");

/** One part of a multi-node run: this host's node rank among `count` and where rank 0 listens. */
export const NodePartSchema = z.object({
  rank: z.number().int().min(0).max(63),
  count: z.number().int().min(2).max(64),
  masterAddr: HostAddressSchema,
});

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
  /** Set on every part of a multi-node run (rank 0 on the model's host, the others its child jobs). */
  node: NodePartSchema.optional(),
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
    /**
     * Multi-node: the other hosts (node ranks 1..n; the model's host is rank 0). Each runs torchrun
     * with `gpus` processes; the model and datasets must be at the same paths on every host
     * (shared storage), as LLaMA-Factory's multi-node runs expect.
     */
    nodeHostIds: z.array(IdSchema).max(63).default([]),
  })
  .meta({ id: "FinetuneInput" });
export type FinetuneInput = z.infer<typeof FinetuneInputSchema>;

export type FinetuneDataset = { id: string; name: string; hostId: string; purpose: string; validRows: number };
export type FinetuneHost = { id: string; name: string; gpuSlots: number[]; gpus: GpuInfo[]; address?: string | null };
export type FinetuneContext = {
  model: SourceModel & { chatTemplate?: string | null };
  datasets: FinetuneDataset[];
  evalDatasets: FinetuneDataset[];
  host: FinetuneHost;
  /** The other hosts of a multi-node run, in node-rank order (1..n). */
  nodeHosts?: FinetuneHost[];
};

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
  checkNodes(input, ctx);
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

/** Multi-node refusals: distinct hosts, a reachable master, the same GPU count free on every node. */
function checkNodes(input: FinetuneInput, { host, nodeHosts = [] }: FinetuneContext): void {
  if (!input.nodeHostIds.length) return;
  if (new Set([host.id, ...input.nodeHostIds]).size !== input.nodeHostIds.length + 1) {
    throw new AppError(400, "duplicate_nodes", "A host appears twice among the run's nodes", "List each other host once; the model's host is node 0.");
  }
  if (!host.address) {
    throw new AppError(409, "no_master_address", `Host ${host.name} has no address the other nodes can reach`, "Set MODELYARD_HOST_ADDRESS on its worker (an IP or name the other hosts resolve) and restart it.");
  }
  for (const n of nodeHosts) {
    if (input.gpus > n.gpuSlots.length) {
      throw new AppError(409, "not_enough_gpus", `The run asks for ${input.gpus} GPUs on every node but host ${n.name} offers ${n.gpuSlots.length}`, "Use a GPU count every node has, or other hosts.");
    }
  }
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
  const { nodeHostIds, ...rest } = input;
  const node = nodeHostIds.length ? { rank: 0, count: nodeHostIds.length + 1, masterAddr: ctx.host.address! } : undefined;
  return { hostId: ctx.model.hostId, payloads: [{ ...rest, baseModelId: ctx.model.id, name: input.name ?? `${ctx.model.name}-${input.args.finetuning_type}-${input.args.stage}`, node }] };
}

/**
 * The other parts of a multi-node run, one per node host, created as children of the master's job
 * (rank 0) with the same run folder name: the worker's barrier starts them together or not at all.
 */
export function planNodeParts(master: { id: string; payload: z.input<typeof ModelFinetunePayloadSchema> }, nodeHostIds: string[]) {
  const node = master.payload.node!;
  return nodeHostIds.map((hostId, i) => ({
    hostId,
    payloads: [{ ...master.payload, runId: master.payload.runId ?? master.id, node: { ...node, rank: i + 1 } }],
  }));
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
