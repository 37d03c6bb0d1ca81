/**
 * Form ⇄ `llamafactory-cli train` config. buildTrainConfig writes the dict LF takes (keys in the
 * order of LF's examples); importTrainYaml reads any LF training YAML back into form args, the
 * paths Modelyard manages, and `extra` (LF keys the form has no field for), such that building
 * from the import reproduces every key and value of the original.
 */
import { parse } from "yaml";
import { TRAIN_KEYS, unusedKeysMessage } from "./known-keys";
import { deepspeedStageFromPath } from "./deepspeed";
import { FORM_ONLY_KEYS, TrainArgsSchema, type TrainArgKey, type TrainArgs, type TrainArgsInput } from "./train-args";
import { isPlainObject, sameValue, writeSectionedYaml } from "./yaml-format";

export type ManagedTrainInput = {
  modelPath: string;
  /** Used when the form leaves `template` unset. */
  template?: string | null;
  /** Continue training an existing LoRA adapter. */
  adapterPath?: string | null;
  datasetDir: string;
  datasets: string[];
  evalDatasets?: string[];
  outputDir: string;
  /** Required when args.ds_stage is not "none" (unless extra carries an inline `deepspeed`). */
  deepspeedConfigPath?: string | null;
  /** undefined = key omitted (LF auto-resumes from output_dir); null = written as null. */
  resumeFromCheckpoint?: string | null;
  overwriteOutputDir: boolean;
  /** LF keys without a form field, written verbatim; they win over the builder's fixed defaults. */
  extra?: Record<string, unknown>;
};

/** Values the builder always writes (LlamaBoard's fixed additions, plus our choices). */
const FIXED: Readonly<Record<string, unknown>> = {
  trust_remote_code: true,
  do_train: true,
  preprocessing_num_workers: 16,
  plot_loss: false, // Modelyard draws its own curves; plot_loss needs matplotlib on the host.
  report_to: "none",
  ddp_timeout: 180000000, // tokenising a big set on rank 0 must not trip the NCCL watchdog.
  include_num_input_tokens_seen: true, // gives trainer_log.jsonl its throughput / total_tokens.
};

const SECTIONS: readonly (readonly [string, readonly string[]])[] = [
  ["model", ["model_name_or_path", "adapter_name_or_path", "quantization_bit", "quantization_method", "quantization_type", "double_quantization", "trust_remote_code", "flash_attn", "disable_gradient_checkpointing", "gradient_checkpointing", "gradient_checkpointing_kwargs", "use_unsloth", "enable_liger_kernel", "rope_scaling", "upcast_layernorm", "image_max_pixels", "video_max_pixels"]],
  ["method", ["stage", "do_train", "finetuning_type", "lora_rank", "lora_alpha", "lora_dropout", "lora_target", "additional_target", "use_rslora", "use_dora", "freeze_trainable_layers", "freeze_trainable_modules", "freeze_extra_modules", "use_llama_pro", "freeze_vision_tower", "freeze_multi_modal_projector", "freeze_language_model", "pref_beta", "pref_ftx", "pref_loss", "deepspeed"]],
  ["dataset", ["dataset", "dataset_dir", "media_dir", "template", "cutoff_len", "max_samples", "packing", "neat_packing", "train_on_prompt", "mask_history", "enable_thinking", "overwrite_cache", "preprocessing_num_workers", "dataloader_num_workers", "tokenized_path"]],
  ["output", ["output_dir", "logging_steps", "save_steps", "save_total_limit", "plot_loss", "overwrite_output_dir", "save_only_model", "report_to", "run_name"]],
  ["train", ["per_device_train_batch_size", "gradient_accumulation_steps", "learning_rate", "num_train_epochs", "max_steps", "lr_scheduler_type", "warmup_ratio", "warmup_steps", "weight_decay", "max_grad_norm", "optim", "bf16", "fp16", "pure_bf16", "ddp_timeout", "resume_from_checkpoint", "seed", "include_num_input_tokens_seen"]],
  ["eval", ["eval_dataset", "val_size", "per_device_eval_batch_size", "eval_strategy", "eval_steps", "do_eval"]],
];
const SECTION_OF = new Map(SECTIONS.flatMap(([s, keys]) => keys.map((k) => [k, s] as const)));
const ORDER = SECTIONS.flatMap(([, keys]) => keys);

function ordered(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ORDER) if (config[k] !== undefined) out[k] = config[k];
  for (const [k, v] of Object.entries(config)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

function precisionKeys(compute: TrainArgs["compute_type"]): Record<string, boolean> {
  // LlamaBoard sets exactly one; fp32 is written out so the file says so.
  if (compute === "bf16") return { bf16: true };
  if (compute === "fp16") return { fp16: true };
  if (compute === "pure_bf16") return { pure_bf16: true };
  return { bf16: false, fp16: false };
}

export function buildTrainConfig(args: TrainArgs, managed: ManagedTrainInput): Record<string, unknown> {
  const extra = managed.extra ?? {};
  const evalDatasets = managed.evalDatasets ?? [];
  if (evalDatasets.length && args.val_size > 0) {
    throw new Error("Cannot specify val_size if eval_dataset is not None: choose either a validation split (val_size) or evaluation datasets.");
  }
  const dsPath = managed.deepspeedConfigPath ?? undefined;
  if (args.ds_stage !== "none" && !dsPath && !("deepspeed" in extra)) {
    throw new Error(`DeepSpeed ZeRO-${args.ds_stage} needs a config file: pass deepspeedConfigPath (write deepspeedConfig(${args.ds_stage}, ${args.ds_offload}) there).`);
  }
  const template = args.template ?? managed.template ?? undefined;
  const c: Record<string, unknown> = {
    model_name_or_path: managed.modelPath,
    adapter_name_or_path: managed.adapterPath ?? undefined,
    ...(args.quantization_bit !== undefined ? { quantization_bit: args.quantization_bit, quantization_method: args.quantization_method } : {}),
    trust_remote_code: FIXED.trust_remote_code,
    flash_attn: args.flash_attn,
    disable_gradient_checkpointing: args.disable_gradient_checkpointing ? true : undefined,

    stage: args.stage,
    do_train: FIXED.do_train,
    finetuning_type: args.finetuning_type,
    ...(args.finetuning_type === "lora" ? { lora_rank: args.lora_rank, lora_alpha: args.lora_alpha, lora_dropout: args.lora_dropout, lora_target: args.lora_target } : {}),
    ...(args.finetuning_type === "freeze" ? { freeze_trainable_layers: args.freeze_trainable_layers, freeze_trainable_modules: args.freeze_trainable_modules } : {}),
    ...(args.stage === "dpo" ? { pref_beta: args.pref_beta, pref_loss: args.pref_loss } : {}),
    ...(args.stage === "kto" ? { pref_beta: args.pref_beta } : {}),
    deepspeed: dsPath,

    dataset: managed.datasets.join(","),
    dataset_dir: managed.datasetDir,
    template,
    cutoff_len: args.cutoff_len,
    max_samples: args.max_samples,
    packing: args.packing,
    preprocessing_num_workers: FIXED.preprocessing_num_workers,

    output_dir: managed.outputDir,
    logging_steps: args.logging_steps,
    save_steps: args.save_steps,
    plot_loss: FIXED.plot_loss,
    overwrite_output_dir: managed.overwriteOutputDir,
    report_to: FIXED.report_to,

    per_device_train_batch_size: args.per_device_train_batch_size,
    gradient_accumulation_steps: args.gradient_accumulation_steps,
    learning_rate: args.learning_rate,
    num_train_epochs: args.num_train_epochs,
    max_steps: args.max_steps,
    lr_scheduler_type: args.lr_scheduler_type,
    warmup_ratio: args.warmup_ratio,
    warmup_steps: args.warmup_steps,
    ...precisionKeys(args.compute_type),
    ddp_timeout: FIXED.ddp_timeout,
    resume_from_checkpoint: managed.resumeFromCheckpoint,
    seed: args.seed,
    include_num_input_tokens_seen: FIXED.include_num_input_tokens_seen,
  };
  if (managed.resumeFromCheckpoint === undefined) delete c.resume_from_checkpoint;
  else c.resume_from_checkpoint = managed.resumeFromCheckpoint;
  if (evalDatasets.length || args.val_size > 0) {
    Object.assign(c, {
      eval_dataset: evalDatasets.length ? evalDatasets.join(",") : undefined,
      val_size: evalDatasets.length ? undefined : args.val_size,
      per_device_eval_batch_size: args.per_device_train_batch_size,
      eval_strategy: "steps",
      eval_steps: args.eval_steps ?? args.save_steps,
    });
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) c[k] = v;
  return ordered(c);
}

export function trainConfigToYaml(config: Record<string, unknown>): string {
  return writeSectionedYaml(ordered(config), (k) => SECTION_OF.get(k));
}

export type ImportedManaged = {
  model_name_or_path?: string;
  adapter_name_or_path?: string;
  dataset?: string[];
  eval_dataset?: string[];
  dataset_dir?: string;
  output_dir?: string;
  deepspeed?: string;
  template?: string;
  resume_from_checkpoint?: string | null;
  overwrite_output_dir?: boolean;
};

export type TrainYamlImport = {
  args: Partial<TrainArgs>;
  managed: ImportedManaged;
  extra: Record<string, unknown>;
  /** Why LF would refuse this file. */
  errors: string[];
  /** Values kept in `extra` because the form cannot hold them (e.g. a 0.5 logging_steps ratio). */
  notes: string[];
};

/**
 * Where LF's own default differs from LlamaBoard's, an absent key must import as LF's default,
 * or re-building the file would silently change the run.
 */
const LF_DEFAULT_WHEN_ABSENT: Partial<Record<TrainArgKey, unknown>> = {
  per_device_train_batch_size: 8,
  gradient_accumulation_steps: 1,
  lr_scheduler_type: "linear",
  logging_steps: 500,
  save_steps: 500,
};

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
function coerce(value: unknown): unknown {
  // OmegaConf keeps `1e-4` written in quotes as a string; LF's examples write `1.0e-4`. Accept both.
  return typeof value === "string" && NUMERIC.test(value.trim()) ? Number(value) : value;
}

/** Written by the builder from other fields (eval block). */
const DERIVED = new Set(["eval_strategy", "per_device_eval_batch_size"]);

const splitList = (v: string) => v.split(",").map((s) => s.trim()).filter(Boolean);
const FORM_KEYS = new Set(Object.keys(TrainArgsSchema.shape).filter((k) => !FORM_ONLY_KEYS.includes(k as TrainArgKey)));
const SHAPE = TrainArgsSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;

function importManaged(key: string, value: unknown, managed: ImportedManaged): boolean {
  switch (key) {
    case "model_name_or_path":
    case "adapter_name_or_path":
    case "dataset_dir":
    case "output_dir":
    case "deepspeed":
      if (typeof value !== "string") return false;
      managed[key] = value;
      return true;
    case "dataset":
    case "eval_dataset":
      if (typeof value !== "string") return false;
      managed[key] = splitList(value);
      return true;
    case "resume_from_checkpoint":
      if (typeof value !== "string" && value !== null) return false;
      managed.resume_from_checkpoint = value;
      return true;
    case "overwrite_output_dir":
      if (typeof value !== "boolean") return false;
      managed.overwrite_output_dir = value;
      return true;
  }
  return false;
}

/** The build input that reproduces an import (placeholders where the file had no path). */
export function managedFromImport(m: ImportedManaged, extra: Record<string, unknown> = {}): ManagedTrainInput {
  return {
    modelPath: m.model_name_or_path ?? "",
    adapterPath: m.adapter_name_or_path ?? null,
    template: m.template ?? null,
    datasetDir: m.dataset_dir ?? "data",
    datasets: m.dataset ?? [],
    evalDatasets: m.eval_dataset,
    outputDir: m.output_dir ?? "",
    deepspeedConfigPath: m.deepspeed ?? null,
    resumeFromCheckpoint: m.resume_from_checkpoint,
    overwriteOutputDir: m.overwrite_output_dir ?? false,
    extra,
  };
}

export function importTrainYaml(text: string): TrainYamlImport {
  const result: TrainYamlImport = { args: {}, managed: {}, extra: {}, errors: [], notes: [] };
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    result.errors.push(`The file is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    return result;
  }
  if (!isPlainObject(doc)) {
    result.errors.push("A LLaMA-Factory config is a mapping of keys to values (key: value per line).");
    return result;
  }
  const unknown = Object.keys(doc).filter((k) => !TRAIN_KEYS.has(k));
  if (unknown.length) result.errors.push(`${unusedKeysMessage(unknown)}. Remove these keys, or check the spelling and the LLaMA-Factory version.`);

  const args: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(doc)) {
    if (unknown.includes(key)) continue;
    if (importManaged(key, raw, result.managed)) continue;
    if (key === "bf16" || key === "fp16" || key === "pure_bf16") continue; // folded into compute_type below
    // Keys the builder writes itself; the rebuild check below keeps them if it would write another value.
    if ((key in FIXED && sameValue(raw, FIXED[key])) || DERIVED.has(key)) continue;
    if (FORM_KEYS.has(key)) {
      const parsed = SHAPE[key].safeParse(coerce(raw));
      if (parsed.success && parsed.data !== undefined) {
        args[key] = parsed.data;
        if (key === "template") result.managed.template = parsed.data as string;
        continue;
      }
      result.notes.push(`${key}: ${JSON.stringify(raw)} is outside what the form offers; it is kept as an extra key.`);
    }
    result.extra[key] = raw;
  }

  const precision = doc.pure_bf16 === true ? "pure_bf16" : doc.bf16 === true ? "bf16" : doc.fp16 === true ? "fp16" : "fp32";
  args.compute_type = precision;
  for (const [k, v] of Object.entries(LF_DEFAULT_WHEN_ABSENT)) if (!(k in doc)) args[k] = v;
  if (typeof result.managed.deepspeed === "string") {
    const ds = deepspeedStageFromPath(result.managed.deepspeed);
    if (ds) Object.assign(args, { ds_stage: String(ds.stage), ds_offload: ds.offload });
  }
  if (result.managed.eval_dataset?.length && typeof args.val_size === "number" && args.val_size > 0) {
    result.errors.push("Cannot specify val_size if eval_dataset is not None: keep one of them.");
    result.extra.val_size = args.val_size;
    delete args.val_size;
  }
  // A quantization method without its bit count means nothing to the form: keep the pair together.
  if (args.quantization_bit === undefined && "quantization_method" in args) {
    result.extra.quantization_method = args.quantization_method;
    delete args.quantization_method;
  }
  result.args = args as Partial<TrainArgs>;
  keepWhatTheBuilderWouldChange(doc, result);
  return result;
}

/**
 * The guarantee behind "import, then build, reproduces the file": rebuild, and any key whose value
 * the rebuild does not reproduce (a combination the form cannot express) is kept verbatim in extra.
 */
function keepWhatTheBuilderWouldChange(doc: Record<string, unknown>, result: TrainYamlImport): void {
  let rebuilt: Record<string, unknown>;
  try {
    rebuilt = buildTrainConfig(TrainArgsSchema.parse(result.args as TrainArgsInput), managedFromImport(result.managed, result.extra));
  } catch (e) {
    result.errors.push((e as Error).message);
    return;
  }
  for (const [key, value] of Object.entries(doc)) {
    if (key in result.extra || !TRAIN_KEYS.has(key)) continue;
    if (!sameValue(rebuilt[key], value)) result.extra[key] = value;
  }
}
