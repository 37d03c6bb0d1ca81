/**
 * Cross-field rules for the training form: LF's own refusals (hparams/parser.py, the quantization
 * loader, the dataset loader) moved before the job is queued, plus host facts LF only discovers at
 * run time (bf16 on pre-Ampere GPUs, precision on CPU) and template advice.
 */
import { AMPERE, HOPPER, computeCapability } from "./gpu-arch";
import { issue, type Issue } from "./issues";
import type { TrainArgs } from "./train-args";

export type DatasetPurpose = "sft" | "preference" | "kto" | "pretrain";

export type TrainCheckContext = {
  gpus: { index: number; name: string; memoryTotalMiB: number; computeCapability?: string | null }[];
  /** GPUs the run will use; 0 = CPU. */
  gpuCount: number;
  datasetPurposes: DatasetPurpose[];
  /** The base is GPTQ/AWQ/AQLM/bnb-saved: only adapters can be trained on it. */
  baseQuantized: boolean;
  /** LF's DEFAULT_TEMPLATE for the model, when known. */
  modelTemplate?: string | null;
  /** Separate evaluation datasets chosen for the run. */
  evalDatasetCount?: number;
};

/** LF's ReasoningTemplate families; each has a `_nothink` twin for non-thinking checkpoints. */
const REASONING_TEMPLATES = new Set(["qwen3", "qwen3_vl", "qwen3_5", "qwen3_omni", "ernie", "deepseekr1", "glm4_moe", "gpt_oss", "mimo", "mimo_v2", "mimo_vl", "seed_oss", "glmz1", "qwen3_6"]);

export function checkTrainArgs(args: TrainArgs, ctx: TrainCheckContext): { errors: Issue[]; warnings: Issue[] } {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  checkQuantization(args, ctx, errors, warnings);
  checkDeepSpeed(args, ctx, errors);
  checkPrecision(args, ctx, errors, warnings);
  checkData(args, ctx, errors, warnings);
  checkSchedule(args, warnings);
  checkTemplate(args, ctx, warnings);
  return { errors, warnings };
}

function checkQuantization(args: TrainArgs, ctx: TrainCheckContext, errors: Issue[], warnings: Issue[]): void {
  const bits = args.quantization_bit;
  if (ctx.baseQuantized && args.finetuning_type !== "lora") {
    errors.push(issue("finetuning_type", "quantized_base_needs_lora", "This base model is already quantized (GPTQ/AWQ/bnb), so its weights cannot be trained directly: choose LoRA, or train the unquantized original."));
  }
  if (bits === undefined) return;
  if (args.finetuning_type !== "lora") {
    errors.push(issue("quantization_bit", "quantization_needs_lora", "Quantization is only compatible with the LoRA method (QLoRA): set finetuning type to LoRA, or clear quantization_bit."));
  }
  if (args.quantization_method === "eetq" && bits !== 8) {
    errors.push(issue("quantization_bit", "eetq_needs_8bit", "EETQ only accepts 8-bit quantization: set quantization_bit to 8, or use bnb/hqq for 4-bit."));
  }
  if (ctx.baseQuantized) {
    warnings.push(issue("quantization_bit", "quantization_bit_ignored", "The base model is already quantized; quantization_bit has no effect on it. Clear it."));
  }
  if (ctx.gpuCount === 0) {
    errors.push(issue("quantization_bit", "quantization_needs_gpu", "On-the-fly quantization (bitsandbytes/HQQ/EETQ) needs a GPU: clear quantization_bit for a CPU run."));
  }
  if (args.ds_stage === "3") {
    if (args.quantization_method === "bnb" && bits !== 4) {
      errors.push(issue("quantization_bit", "zero3_needs_4bit", "Only 4-bit bitsandbytes quantization works with DeepSpeed ZeRO-3: set quantization_bit to 4, or use ZeRO-2."));
    } else if (args.quantization_method !== "bnb") {
      errors.push(issue("quantization_method", "zero3_quantization_method", `${args.quantization_method.toUpperCase()} quantization is incompatible with DeepSpeed ZeRO-3: use bnb 4-bit, or ZeRO-2 / no DeepSpeed.`));
    }
  }
}

function checkDeepSpeed(args: TrainArgs, ctx: TrainCheckContext, errors: Issue[]): void {
  if (args.ds_offload && !(args.ds_stage === "2" || args.ds_stage === "3")) {
    errors.push(issue("ds_offload", "offload_needs_zero23", "CPU offload exists only for ZeRO stage 2 (optimizer) and 3 (optimizer and weights): choose stage 2 or 3, or turn offload off."));
  }
  if (args.ds_stage === "none") return;
  if (ctx.gpuCount === 0) {
    errors.push(issue("ds_stage", "deepspeed_needs_gpu", "DeepSpeed needs GPUs: set DeepSpeed to none for a CPU run."));
  }
  if (args.ds_stage === "3") {
    if (args.compute_type === "pure_bf16") {
      errors.push(issue("compute_type", "pure_bf16_zero3", "`pure_bf16` is incompatible with DeepSpeed ZeRO-3: choose bf16, or ZeRO-2."));
    }
    if (ctx.baseQuantized) {
      errors.push(issue("ds_stage", "zero3_prequantized", "DeepSpeed ZeRO-3 is incompatible with pre-quantized (GPTQ/AWQ/AQLM) models: use ZeRO-2 or no DeepSpeed."));
    }
  }
}

function checkPrecision(args: TrainArgs, ctx: TrainCheckContext, errors: Issue[], warnings: Issue[]): void {
  if (ctx.gpuCount === 0) {
    if (args.compute_type !== "fp32") {
      const message = args.compute_type === "pure_bf16" ? "This device does not support `pure_bf16`" : "Your setup doesn't support bf16/fp16 without a GPU";
      errors.push(issue("compute_type", "precision_needs_gpu", `${message}: choose fp32 for a CPU run.`));
    }
    if (args.flash_attn === "fa2" || args.flash_attn === "fa3") {
      errors.push(issue("flash_attn", "flash_attn_needs_gpu", "FlashAttention needs a GPU: set flash_attn to auto, sdpa or disabled for a CPU run."));
    }
    return;
  }
  const known = ctx.gpus.map((g) => ({ gpu: g, cc: computeCapability(g) })).filter((x): x is { gpu: typeof x.gpu; cc: number } => x.cc !== null);
  const oldest = known.reduce<{ gpu: TrainCheckContext["gpus"][number]; cc: number } | null>((a, x) => (a === null || x.cc < a.cc ? x : a), null);
  if (!oldest) return;
  const where = `${oldest.gpu.name} (GPU ${oldest.gpu.index}, compute capability ${oldest.cc.toFixed(1)})`;
  if ((args.compute_type === "bf16" || args.compute_type === "pure_bf16") && oldest.cc < AMPERE) {
    errors.push(issue("compute_type", "bf16_unsupported_gpu", `${where} has no bf16 support (needs Ampere, 8.0+): choose fp16 (or fp32).`));
  }
  if (args.flash_attn === "fa2" && oldest.cc < AMPERE) {
    warnings.push(issue("flash_attn", "fa2_unsupported_gpu", `FlashAttention-2 needs Ampere (8.0+) but ${where} is older; LF will fall back. Set flash_attn to auto or sdpa.`));
  }
  if (args.flash_attn === "fa3" && oldest.cc < HOPPER) {
    warnings.push(issue("flash_attn", "fa3_unsupported_gpu", `FlashAttention-3 needs Hopper (9.0+) but ${where} is older: set flash_attn to auto, sdpa or fa2.`));
  }
}

function checkData(args: TrainArgs, ctx: TrainCheckContext, errors: Issue[], warnings: Issue[]): void {
  const purposes = ctx.datasetPurposes;
  if (purposes.length === 0) {
    errors.push(issue("dataset", "dataset_required", "Please specify dataset for training: choose at least one dataset."));
  }
  const ranking = args.stage === "rm" || args.stage === "dpo";
  const notApplicable = "The dataset is not applicable in the current training stage";
  if (ranking && purposes.some((p) => p !== "preference")) {
    errors.push(issue("dataset", "stage_needs_preference_data", `${notApplicable}: ${args.stage.toUpperCase()} needs preference datasets (chosen/rejected, ranking: true) only.`));
  }
  if (!ranking && purposes.includes("preference")) {
    errors.push(issue("dataset", "preference_data_needs_ranking_stage", `${notApplicable}: preference datasets train only with the RM or DPO stage; change the stage or the datasets.`));
  }
  if (args.stage === "kto" && purposes.some((p) => p !== "kto")) {
    errors.push(issue("dataset", "kto_needs_kto_data", "KTO needs datasets whose rows carry a desirable/undesirable label (kto_tag): choose KTO datasets or another stage."));
  }
  if (args.stage === "sft" && purposes.includes("pretrain")) {
    errors.push(issue("dataset", "sft_needs_responses", "Plain-text (pretrain) datasets have no responses, so SFT finds no valid samples: use the pre-training stage or an instruction dataset."));
  }
  if (args.stage === "pt" && purposes.some((p) => p === "sft" || p === "kto")) {
    warnings.push(issue("dataset", "pt_uses_prompt_only", "Pre-training reads only the first prompt of each conversation and ignores responses: use SFT for instruction data."));
  }
  const evalCount = ctx.evalDatasetCount ?? 0;
  if (evalCount > 0 && args.val_size > 0) {
    errors.push(issue("val_size", "val_size_with_eval_dataset", "Cannot specify val_size if eval_dataset is not None: set val_size to 0 or remove the evaluation datasets."));
  }
  if (args.val_size > 1 && args.max_samples !== undefined && args.val_size >= args.max_samples * Math.max(1, purposes.length)) {
    errors.push(issue("val_size", "val_size_too_large", `A validation split of ${args.val_size} samples leaves nothing to train on with max_samples ${args.max_samples}: lower val_size or raise max_samples.`));
  }
  if (args.eval_steps !== undefined && args.val_size === 0 && evalCount === 0) {
    warnings.push(issue("eval_steps", "eval_steps_unused", "eval_steps has no effect without a validation split: set val_size (e.g. 0.1) or clear eval_steps."));
  }
}

function checkSchedule(args: TrainArgs, warnings: Issue[]): void {
  if (args.warmup_ratio !== undefined && args.warmup_ratio > 0 && args.warmup_steps !== undefined && args.warmup_steps > 0) {
    warnings.push(issue("warmup_steps", "warmup_both_set", "warmup_steps overrides warmup_ratio when both are set: clear one of them."));
  }
}

function checkTemplate(args: TrainArgs, ctx: TrainCheckContext, warnings: Issue[]): void {
  const chosen = args.template;
  const own = ctx.modelTemplate ?? null;
  if (!chosen || !own || chosen === own) return;
  if ((chosen === "default" || chosen === "empty") && own !== "default" && own !== "empty") {
    warnings.push(issue("template", "generic_template_for_chat_model", `The "${chosen}" template is for base models; this model chats with "${own}". Use "${own}" (or leave template empty), and serve with the same template.`));
    return;
  }
  if (REASONING_TEMPLATES.has(chosen) && own === `${chosen}_nothink`) {
    warnings.push(issue("template", "reasoning_template_for_nothink_model", `"${chosen}" is a reasoning template but this model does not think: use "${own}", or every answer is trained after an empty <think></think> block.`));
    return;
  }
  warnings.push(issue("template", "template_mismatch", `The model's own template is "${own}" but "${chosen}" is selected: a model trained with another template answers garbled when served. Use "${own}" unless the data was written for "${chosen}".`));
}
