/**
 * Maps the tail of a failed `llamafactory-cli train|export` log to a cause and what to change.
 * Patterns are LF's, transformers' and PyTorch's exact wording (see the reference's §11 for the
 * upstream issues each one comes from). Later lines win: the last error is usually the cause,
 * earlier ones are often warnings that preceded it.
 */
import { parseStdoutLogDict, type TrainerLogEntry } from "./trainer-log";

export type TrainingFailure = { code: string; message: string; hint: string };
export type ProcessEnd = { exitCode: number | null; signal: string | null };

type Rule = { re: RegExp; make: (m: RegExpExecArray) => TrainingFailure };

const OOM_HINT = "Lower cutoff_len, use batch size 1 with more gradient accumulation, keep gradient checkpointing on, use DeepSpeed ZeRO-3 (with offload), or switch to QLoRA 4-bit.";
const NAN_HINT = "Set flash_attn to disabled, use fp32 or bf16 instead of fp16, lower the learning rate (and keep warmup), and check the data for empty responses.";

// Order matters only among rules that can match the same line; the scan is last line first.
const RULES: readonly Rule[] = [
  {
    re: /CUDA out of memory|torch\.OutOfMemoryError|OutOfMemoryError|CUBLAS_STATUS_ALLOC_FAILED|HIP out of memory/,
    make: () => ({ code: "cuda_oom", message: "The GPU ran out of memory", hint: OOM_HINT }),
  },
  {
    re: /DefaultCPUAllocator: can't allocate memory|\bMemoryError\b|Cannot allocate memory/,
    make: () => ({ code: "cpu_oom", message: "The host ran out of RAM", hint: "Turn DeepSpeed offload off or use a host with more RAM; lower preprocessing_num_workers and max_samples for large datasets." }),
  },
  {
    re: /Cannot find (?:valid|sufficient) samples/,
    make: () => ({ code: "no_valid_samples", message: "No row of the dataset could be used (Cannot find valid samples)", hint: "Check the dataset's formatting, columns and tags against its rows (sharegpt roles must alternate and end with the assistant), and that the stage matches the data; for pre-training with packing add more text." }),
  },
  {
    re: /Some (?:keys|specified arguments) are not used by the HfArgumentParser: ?(\[.*\])?/,
    make: (m) => ({ code: "unknown_keys", message: `LLaMA-Factory does not know some config keys${m[1] ? ` ${m[1]}` : ""}`, hint: "Remove or rename these keys (check the spelling and the installed LLaMA-Factory version); training keys are not accepted by export." }),
  },
  {
    re: /Output directory \(?.*already exists and is not empty/,
    make: () => ({ code: "output_dir_not_empty", message: "The output directory already holds a finished model and no checkpoint to resume", hint: "Start a fresh run (overwrite the output directory) or choose a new output directory." }),
  },
  {
    re: /Your setup doesn't support bf16\/gpu/,
    make: () => ({ code: "bf16_unsupported", message: "bf16 was requested but this device has no bf16 support (CPU or a pre-Ampere GPU)", hint: "Choose fp16 on pre-Ampere GPUs (V100, T4) or fp32 on CPU." }),
  },
  {
    re: /This device does not support `pure_bf16`/,
    make: () => ({ code: "pure_bf16_unsupported", message: "pure_bf16 needs a bf16-capable GPU", hint: "Choose bf16 or fp16 (fp32 on CPU), or run on an Ampere or newer GPU." }),
  },
  {
    re: /`pure_bf16` is incompatible with DeepSpeed ZeRO-3/,
    make: () => ({ code: "pure_bf16_zero3", message: "pure_bf16 cannot run under DeepSpeed ZeRO-3", hint: "Choose bf16, or DeepSpeed ZeRO-2." }),
  },
  {
    re: /Please launch distributed training with `llamafactory-cli` or `torchrun`|Please use `FORCE_TORCHRUN=1` to launch DeepSpeed training/,
    make: () => ({ code: "needs_torchrun", message: "Several GPUs (or DeepSpeed) were used without a distributed launch", hint: "Run with FORCE_TORCHRUN=1 (the worker sets it when DeepSpeed or more than one GPU is used); report this if it happened on a Modelyard run." }),
  },
  {
    re: /Cannot merge adapters to a quantized model/,
    make: () => ({ code: "merge_into_quantized", message: "A LoRA adapter cannot be merged into a quantized base", hint: "Merge into the original fp16/bf16 model (the one the quantized base came from) and quantize the merged model afterwards." }),
  },
  {
    re: /Please merge adapters before quantizing the model/,
    make: () => ({ code: "quantize_adapter", message: "GPTQ export cannot quantize an adapter checkpoint", hint: "Export (merge) the adapter first, then run a second export with export_quantization_bit on the merged model." }),
  },
  {
    re: /Quantization dataset is necessary for exporting/,
    make: () => ({ code: "quantization_dataset_missing", message: "GPTQ export needs a calibration dataset", hint: "Set export_quantization_dataset (e.g. data/c4_demo.jsonl) or clear export_quantization_bit." }),
  },
  {
    re: /The dataset is not applicable in the current training stage/,
    make: () => ({ code: "dataset_stage_mismatch", message: "A dataset does not fit the training stage", hint: "Preference (ranking) datasets train only with RM or DPO, and RM/DPO need preference datasets: change the stage or the datasets." }),
  },
  {
    re: /Can't find a valid checkpoint at (.*)|Can't find a valid checkpoint/,
    make: (m) => ({ code: "checkpoint_not_found", message: `The checkpoint to resume from is missing or incomplete${m[1] ? ` (${m[1].trim()})` : ""}`, hint: "Resume from an existing checkpoint-N folder of this run, or start a fresh run; changing GPU count or ZeRO stage also invalidates optimizer states." }),
  },
  {
    re: /Watchdog caught collective operation timeout|NCCL (?:communicator|operation).*time(?:d )?out|ProcessGroupNCCL.*[Tt]imeout|gloo.*[Tt]imed? ?out|DistStoreError|Timed out (?:after|waiting)/,
    make: () => ({ code: "distributed_timeout", message: "The GPUs stopped waiting for each other (NCCL/gloo timeout)", hint: "Usually one rank was busy tokenising or crashed: save tokenized data first (tokenized_path), lower preprocessing_num_workers, keep ddp_timeout high, and check the other ranks' errors." }),
  },
];

/** NaN in a log dict or trainer_log entry (including loss 0.0 with a NaN grad_norm, the fp16 symptom). */
export function detectNanLoss(entry: TrainerLogEntry | Record<string, number | undefined>): TrainingFailure | null {
  const e = entry as Record<string, number | undefined>;
  const bad = ["loss", "eval_loss", "grad_norm"].find((k) => typeof e[k] === "number" && !Number.isFinite(e[k]));
  if (!bad) return null;
  return { code: "nan_loss", message: `Training diverged: ${bad} became ${String(e[bad])}`, hint: NAN_HINT };
}

export function classifyTrainingFailure(lines: readonly string[], end?: ProcessEnd): TrainingFailure | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    for (const rule of RULES) {
      const m = rule.re.exec(line);
      if (m) return rule.make(m);
    }
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    const dict = parseStdoutLogDict(lines[i]);
    const nan = dict && detectNanLoss(dict);
    if (nan) return nan;
  }
  // The kernel's OOM killer leaves no message in the child's output.
  if (end && (end.signal === "SIGKILL" || end.exitCode === 137 || end.exitCode === -9)) {
    return { code: "cpu_oom", message: "The training process was killed (SIGKILL), most likely by the kernel's out-of-memory killer", hint: "Turn DeepSpeed offload off or use a host with more RAM; lower preprocessing_num_workers and dataloader_num_workers." };
  }
  return null;
}
