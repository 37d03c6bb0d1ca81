/**
 * The training form: LLaMA-Factory's own snake_case keys (so a YAML imports field for field) plus a
 * few form-level fields (`compute_type`, `ds_stage`, `ds_offload`) that map onto several LF keys.
 * Defaults are LlamaBoard's. Every rule here must survive conversion to JSON Schema (the schema is
 * published in the OpenAPI document and fuzzed), so no refinements or transforms: cross-field rules
 * live in check-train-args.ts.
 */
import { z } from "zod";

export const STAGES = ["pt", "sft", "rm", "dpo", "kto"] as const;
export const FINETUNING_TYPES = ["full", "freeze", "lora"] as const;
export const QUANTIZATION_METHODS = ["bnb", "hqq", "eetq"] as const;
export const COMPUTE_TYPES = ["bf16", "fp16", "fp32", "pure_bf16"] as const;
export const FLASH_ATTN = ["auto", "disabled", "sdpa", "fa2", "fa3"] as const;
export const DS_STAGES = ["none", "0", "1", "2", "3"] as const;
export const PREF_LOSSES = ["sigmoid", "hinge", "ipo", "kto_pair", "orpo", "simpo"] as const;
/** transformers' SchedulerType values. */
export const LR_SCHEDULERS = [
  "linear",
  "cosine",
  "cosine_with_restarts",
  "polynomial",
  "constant",
  "constant_with_warmup",
  "inverse_sqrt",
  "reduce_lr_on_plateau",
  "cosine_with_min_lr",
  "warmup_stable_decay",
] as const;

/** Template names as LF spells them (qwen3_nothink, openchat-3.6, llava_next_llama3…). */
const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$/;
/** Comma lists of module names or `all` (lora_target, freeze_trainable_modules). */
const MODULE_LIST = /^[A-Za-z0-9_.*\-]+(\s*,\s*[A-Za-z0-9_.*\-]+)*$/;

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const TrainArgsSchema = z.object({
  stage: z.enum(STAGES).default("sft"),
  finetuning_type: z.enum(FINETUNING_TYPES).default("lora"),
  // QLoRA = lora + quantization_bit (on-the-fly; a pre-quantized GPTQ/AWQ base needs none).
  quantization_bit: z.union([z.literal(4), z.literal(8)]).optional(),
  quantization_method: z.enum(QUANTIZATION_METHODS).default("bnb"),
  // Unset = LF parses the tokenizer's chat template (the model's own).
  template: z.string().regex(TEMPLATE_NAME).optional(),
  cutoff_len: int(4, 131072).default(2048),
  max_samples: int(1, 100_000_000).optional(),
  // LF reads (0,1) as a fraction and >1 as a sample count; exactly 1 would be "the whole set".
  val_size: z.union([z.number().min(0).lt(1), z.number().int().min(2).max(10_000_000)]).default(0),
  num_train_epochs: z.number().gt(0).max(10_000).default(3),
  max_steps: int(1, 100_000_000).optional(),
  learning_rate: z.number().gt(0).max(1).default(5e-5),
  lr_scheduler_type: z.enum(LR_SCHEDULERS).default("cosine"),
  warmup_ratio: z.number().min(0).max(1).optional(),
  warmup_steps: int(0, 100_000_000).optional(),
  per_device_train_batch_size: int(1, 4096).default(2),
  gradient_accumulation_steps: int(1, 4096).default(8),
  compute_type: z.enum(COMPUTE_TYPES).default("bf16"),
  lora_rank: int(1, 1024).default(8),
  // Unset = LF's 2 × lora_rank.
  lora_alpha: int(1, 4096).optional(),
  lora_dropout: z.number().min(0).max(1).default(0),
  lora_target: z.string().regex(MODULE_LIST).max(1000).default("all"),
  // +n = last n layers, -n = first n layers; 0 trains nothing.
  freeze_trainable_layers: z.union([int(-128, -1), int(1, 128)]).default(2),
  freeze_trainable_modules: z.string().regex(MODULE_LIST).max(1000).default("all"),
  disable_gradient_checkpointing: z.boolean().default(false),
  flash_attn: z.enum(FLASH_ATTN).default("auto"),
  // Unset = LF decides (on for pt, off otherwise).
  packing: z.boolean().optional(),
  logging_steps: int(1, 1_000_000).default(5),
  save_steps: int(1, 1_000_000).default(100),
  // Unset = save_steps, as LlamaBoard does.
  eval_steps: int(1, 1_000_000).optional(),
  seed: int(0, 2 ** 32 - 1).default(42),
  pref_beta: z.number().min(0).max(100).default(0.1),
  pref_loss: z.enum(PREF_LOSSES).default("sigmoid"),
  ds_stage: z.enum(DS_STAGES).default("none"),
  ds_offload: z.boolean().default(false),
});

export type TrainArgs = z.infer<typeof TrainArgsSchema>;
export type TrainArgsInput = z.input<typeof TrainArgsSchema>;
export type TrainArgKey = keyof TrainArgs;

/** Form fields that are not LF keys themselves; they expand into bf16/fp16/pure_bf16 and `deepspeed`. */
export const FORM_ONLY_KEYS: readonly TrainArgKey[] = ["compute_type", "ds_stage", "ds_offload"];

export type TrainPreset = { id: string; label: string; description: string; args: Partial<TrainArgs> };

export const TRAIN_PRESETS: readonly TrainPreset[] = [
  {
    id: "lora-sft-quick",
    label: "LoRA SFT quick",
    description: "LoRA rank 8 on all linear layers, 1 epoch, bf16: a first run on a new dataset.",
    args: { stage: "sft", finetuning_type: "lora", lora_rank: 8, lora_target: "all", learning_rate: 1e-4, num_train_epochs: 1, per_device_train_batch_size: 1, gradient_accumulation_steps: 8, lr_scheduler_type: "cosine", warmup_ratio: 0.1, compute_type: "bf16", logging_steps: 10, save_steps: 500 },
  },
  {
    id: "qlora-4bit",
    label: "QLoRA 4-bit",
    description: "LoRA on a 4-bit bitsandbytes base: the least GPU memory for a given model.",
    args: { stage: "sft", finetuning_type: "lora", quantization_bit: 4, quantization_method: "bnb", lora_rank: 8, lora_target: "all", learning_rate: 1e-4, num_train_epochs: 3, per_device_train_batch_size: 1, gradient_accumulation_steps: 8, warmup_ratio: 0.1, compute_type: "bf16" },
  },
  {
    id: "full-sft-zero3",
    label: "Full SFT with ZeRO-3",
    description: "All weights trained, sharded across the GPUs with DeepSpeed ZeRO-3 (LF's train_full example).",
    args: { stage: "sft", finetuning_type: "full", learning_rate: 1e-5, num_train_epochs: 3, per_device_train_batch_size: 1, gradient_accumulation_steps: 2, warmup_ratio: 0.1, compute_type: "bf16", ds_stage: "3", ds_offload: false },
  },
  {
    id: "freeze-last-layers",
    label: "Freeze last layers",
    description: "Only the last 2 transformer layers are trained; the rest stays frozen.",
    args: { stage: "sft", finetuning_type: "freeze", freeze_trainable_layers: 2, freeze_trainable_modules: "all", learning_rate: 5e-5, num_train_epochs: 3, compute_type: "bf16" },
  },
  {
    id: "dpo-lora",
    label: "DPO LoRA",
    description: "Direct preference optimisation with a LoRA adapter on a chosen/rejected dataset.",
    args: { stage: "dpo", finetuning_type: "lora", lora_rank: 8, lora_target: "all", pref_beta: 0.1, pref_loss: "sigmoid", learning_rate: 5e-6, num_train_epochs: 3, per_device_train_batch_size: 1, gradient_accumulation_steps: 8, warmup_ratio: 0.1, compute_type: "bf16" },
  },
  {
    id: "cpu-smoke-test",
    label: "CPU smoke test",
    description: "One step on tiny inputs without a GPU (LF's own CI recipe): checks data, template and paths.",
    args: { stage: "sft", finetuning_type: "lora", compute_type: "fp32", cutoff_len: 16, max_samples: 8, max_steps: 1, per_device_train_batch_size: 1, gradient_accumulation_steps: 1, logging_steps: 1, save_steps: 1, flash_attn: "disabled", ds_stage: "none" },
  },
];

/** Full args for a preset (schema defaults filled in). */
export function presetArgs(id: string): TrainArgs {
  const preset = TRAIN_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`Unknown training preset ${id}`);
  return TrainArgsSchema.parse(preset.args);
}
