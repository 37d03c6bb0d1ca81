/**
 * Rough per-GPU memory of a LLaMA-Factory run, term by term, so the form can say "needs about
 * 38 GiB per GPU, your L40S has 45" before a job is queued and OOMs ten minutes in. It follows
 * the ZeRO paper's accounting (weights, gradients, Adam states with fp32 master copies) and
 * Korthikanti et al.'s activation estimate; it is a planning number, not a promise: allocator
 * fragmentation, kernels' workspaces and the data collator's padding move the real peak by 10–20 %.
 */
import type { TrainArgs } from "./train-args";

export type MemoryEstimateInput = {
  parameterCount: number;
  hiddenSize?: number;
  numLayers?: number;
  vocabSize?: number;
  finetuning_type: TrainArgs["finetuning_type"];
  quantization_bit?: 4 | 8;
  compute_type: TrainArgs["compute_type"];
  ds_stage: TrainArgs["ds_stage"];
  ds_offload: boolean;
  /** GPUs the run shards over; 0 (CPU) is treated as one device. */
  gpuCount: number;
  per_device_train_batch_size: number;
  cutoff_len: number;
  gradientCheckpointing: boolean;
  lora_rank?: number;
  /** Freeze tuning: trained layers (LF default 2). */
  freezeTrainableLayers?: number;
};

export type MemoryTerm = { name: string; gib: number; formula: string };
export type MemoryEstimate = { perDeviceGiB: number; terms: MemoryTerm[] };

const GIB = 2 ** 30;
/** CUDA context, cuBLAS/NCCL workspaces and the allocator's reserve on an otherwise idle GPU. */
const CUDA_OVERHEAD_GIB = 1.0;
/** q, k, v, o, gate, up, down: what `lora_target: all` wraps in a Llama-style block. */
const LORA_TARGETS_PER_LAYER = 7;
/** Bytes per token per layer kept for backward in half precision, with a fused attention kernel. */
const ACT_BYTES_FULL = 34;
/** With checkpointing only each layer's input (2 bytes × hidden) is kept, plus one layer recomputed. */
const ACT_BYTES_CHECKPOINTED = 2;
const DEFAULT_VOCAB = 32000;

const fmt = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(2)}B` : n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : String(Math.round(n)));

function shape(input: MemoryEstimateInput): { hidden: number; layers: number } {
  const layers = input.numLayers ?? 32;
  // A decoder block holds ≈ 12·hidden² weights; good enough when config.json was not read.
  const hidden = input.hiddenSize ?? Math.max(256, Math.round(Math.sqrt(input.parameterCount / (12 * layers))));
  return { hidden, layers };
}

function trainableParams(input: MemoryEstimateInput, hidden: number, layers: number): { count: number; formula: string } {
  if (input.finetuning_type === "full") return { count: input.parameterCount, formula: `all ${fmt(input.parameterCount)} parameters` };
  if (input.finetuning_type === "freeze") {
    const n = Math.min(layers, Math.abs(input.freezeTrainableLayers ?? 2));
    return { count: (input.parameterCount * n) / layers, formula: `${n}/${layers} layers × ${fmt(input.parameterCount)}` };
  }
  const rank = input.lora_rank ?? 8;
  return { count: 2 * rank * hidden * LORA_TARGETS_PER_LAYER * layers, formula: `2 × rank ${rank} × hidden ${hidden} × ${LORA_TARGETS_PER_LAYER} linear × ${layers} layers` };
}

export function estimateTrainMemory(input: MemoryEstimateInput): MemoryEstimate {
  const { hidden, layers } = shape(input);
  const devices = Math.max(1, input.gpuCount);
  const zero = input.ds_stage === "none" ? 0 : Number(input.ds_stage);
  // ZeRO stage n shards its states over all ranks (so on one GPU it only helps through offload).
  const shard = (stage: number) => (zero >= stage ? devices : 1);
  const offloadOptimizer = input.ds_offload && (input.ds_stage === "2" || input.ds_stage === "3");
  const offloadParams = input.ds_offload && input.ds_stage === "3";
  const fp32 = input.compute_type === "fp32";
  const pure = input.compute_type === "pure_bf16";

  const terms: MemoryTerm[] = [];
  const add = (name: string, bytes: number, formula: string) => terms.push({ name, gib: bytes / GIB, formula });

  const weightBits = input.quantization_bit ?? (fp32 ? 32 : 16);
  const weightShard = shard(3);
  add(
    "weights",
    offloadParams ? 0 : (input.parameterCount * weightBits) / 8 / weightShard,
    offloadParams ? "ZeRO-3 offload keeps weights in CPU memory" : `${fmt(input.parameterCount)} params × ${weightBits / 8} bytes${weightShard > 1 ? ` / ${weightShard} GPUs (ZeRO-3)` : ""}`,
  );

  const trainable = trainableParams(input, hidden, layers);
  // LF keeps trainable weights of LoRA/freeze (and full without pure_bf16) in fp32: the master copy.
  const gradBytes = fp32 ? 4 : 2;
  const gradShard = shard(2);
  add("gradients", (trainable.count * gradBytes) / gradShard, `trainable ${trainable.formula} × ${gradBytes} bytes${gradShard > 1 ? ` / ${gradShard} GPUs (ZeRO-2+)` : ""}`);

  const optimBytes = pure ? 4 : fp32 ? 8 : 12;
  const optimFormula = pure ? "Adam m, v in bf16 (2 + 2 bytes)" : fp32 ? "Adam m, v in fp32 (4 + 4 bytes)" : "Adam m, v and fp32 master weights (4 + 4 + 4 bytes)";
  const optimShard = shard(1);
  add(
    "optimizer states",
    offloadOptimizer ? 0 : (trainable.count * optimBytes) / optimShard,
    offloadOptimizer ? "offloaded to CPU memory by ZeRO offload" : `trainable ${fmt(trainable.count)} × ${optimFormula}${optimShard > 1 ? ` / ${optimShard} GPUs (ZeRO-1+)` : ""}`,
  );

  const tokens = input.per_device_train_batch_size * input.cutoff_len;
  const actScale = fp32 ? 2 : 1;
  const perTokenLayer = input.gradientCheckpointing ? ACT_BYTES_CHECKPOINTED * layers + ACT_BYTES_FULL : ACT_BYTES_FULL * layers;
  add(
    "activations",
    tokens * hidden * perTokenLayer * actScale,
    input.gradientCheckpointing
      ? `batch ${input.per_device_train_batch_size} × cutoff ${input.cutoff_len} × hidden ${hidden} × (2 × ${layers} layers + 34 for the recomputed layer) bytes${fp32 ? " × 2 (fp32)" : ""}`
      : `batch ${input.per_device_train_batch_size} × cutoff ${input.cutoff_len} × hidden ${hidden} × 34 bytes × ${layers} layers${fp32 ? " × 2 (fp32)" : ""}`,
  );

  const vocab = input.vocabSize ?? DEFAULT_VOCAB;
  // The loss upcasts logits to fp32, and their gradient is as large again.
  add("logits", tokens * vocab * 4 * 2, `batch × cutoff ${input.cutoff_len} × vocab ${vocab}${input.vocabSize ? "" : " (assumed)"} × 4 bytes × 2 (logits + grad)`);
  add("CUDA context", CUDA_OVERHEAD_GIB * GIB, "CUDA context, cuBLAS/NCCL workspaces, allocator reserve");

  const perDeviceGiB = terms.reduce((sum, t) => sum + t.gib, 0);
  return { perDeviceGiB: Math.round(perDeviceGiB * 100) / 100, terms: terms.map((t) => ({ ...t, gib: Math.round(t.gib * 1000) / 1000 })) };
}

/** Whether the estimate fits into a GPU's free memory, keeping `marginFraction` of it spare. */
export function fitsOn(estimate: MemoryEstimate, freeMiB: number, marginFraction = 0): boolean {
  return estimate.perDeviceGiB * 1024 <= freeMiB * (1 - marginFraction);
}
