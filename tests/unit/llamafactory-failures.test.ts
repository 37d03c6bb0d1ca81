import { describe, expect, it } from "vitest";
import { classifyTrainingFailure, detectNanLoss } from "../../lib/tools/llamafactory/training-failures";
import { parseTrainerLogLine } from "../../lib/tools/llamafactory/trainer-log";

const tail = (...last: string[]) => [
  "[INFO|2026-05-31 10:02:11] llamafactory.hparams.parser:468 >> Process rank: 0, world size: 1, device: cuda:0, distributed training: False, compute dtype: torch.bfloat16",
  "[WARNING|2026-05-31 10:02:11] llamafactory.hparams.parser:148 >> We recommend enable `upcast_layernorm` in quantized training.",
  "  3%|▎         | 10/300 [00:52<25:17,  5.23s/it]",
  ...last,
];

describe("classifyTrainingFailure", () => {
  it.each([
    ["cuda_oom", tail("Traceback (most recent call last):", "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.16 GiB. GPU 0 has a total capacity of 23.55 GiB of which 801.06 MiB is free.")],
    ["cuda_oom", tail("RuntimeError: CUDA error: out of memory", "torch.cuda.OutOfMemoryError: CUDA out of memory.")],
    ["cpu_oom", tail("RuntimeError: [enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: can't allocate memory: you tried to allocate 17179869184 bytes. Error code 12 (Cannot allocate memory)")],
    ["no_valid_samples", tail("Running tokenizer on dataset (num_proc=16): 100%|██████████| 91/91", "RuntimeError: Cannot find valid samples, check `data/README.md` for the data format.")],
    ["unknown_keys", tail("ValueError: Some keys are not used by the HfArgumentParser: ['learning_rte']")],
    ["output_dir_not_empty", tail("ValueError: Output directory already exists and is not empty. Please set `overwrite_output_dir`.")],
    ["bf16_unsupported", tail("ValueError: Your setup doesn't support bf16/gpu.")],
    ["pure_bf16_unsupported", tail("ValueError: This device does not support `pure_bf16`.")],
    ["pure_bf16_zero3", tail("ValueError: `pure_bf16` is incompatible with DeepSpeed ZeRO-3.")],
    ["needs_torchrun", tail("ValueError: Please launch distributed training with `llamafactory-cli` or `torchrun`.")],
    ["needs_torchrun", tail("ValueError: Please use `FORCE_TORCHRUN=1` to launch DeepSpeed training.")],
    ["merge_into_quantized", tail("ValueError: Cannot merge adapters to a quantized model.")],
    ["quantize_adapter", tail("ValueError: Please merge adapters before quantizing the model.")],
    ["quantization_dataset_missing", tail("ValueError: Quantization dataset is necessary for exporting.")],
    ["dataset_stage_mismatch", tail("ValueError: The dataset is not applicable in the current training stage.")],
    ["checkpoint_not_found", tail("ValueError: Can't find a valid checkpoint at saves/qwen3/lora/sft/checkpoint-500")],
    ["distributed_timeout", tail("[rank1]:[E ProcessGroupNCCL.cpp:616] [Rank 1] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=1, OpType=BROADCAST, NumelIn=1, NumelOut=1, Timeout(ms)=1800000) ran for 1800076 milliseconds before timing out.")],
    ["nan_loss", tail("{'loss': 0.0, 'grad_norm': nan, 'learning_rate': 4.5e-05, 'epoch': 0.1}", "{'loss': 0.0, 'grad_norm': nan, 'learning_rate': 4.4e-05, 'epoch': 0.11}")],
    ["nan_loss", tail("{'loss': 'nan', 'grad_norm': 'nan', 'learning_rate': '9.9e-05', 'epoch': '1'}")],
  ])("%s", (code, lines) => {
    const f = classifyTrainingFailure(lines);
    expect(f?.code).toBe(code);
    expect(f!.hint.length).toBeGreaterThan(30);
  });

  it("gives concrete levers for OOM and NaN", () => {
    expect(classifyTrainingFailure(["torch.OutOfMemoryError: CUDA out of memory."])!.hint).toMatch(/cutoff_len.*batch size 1.*ZeRO-3.*QLoRA/);
    expect(classifyTrainingFailure(["{'loss': nan, 'grad_norm': nan, 'learning_rate': 1e-4, 'epoch': 0.5}"])!.hint).toMatch(/flash_attn.*disabled.*fp32.*learning rate/);
    expect(classifyTrainingFailure(["ValueError: Can't find a valid checkpoint at /runs/x/checkpoint-9"])!.message).toContain("/runs/x/checkpoint-9");
    expect(classifyTrainingFailure(["ValueError: Some keys are not used by the HfArgumentParser: ['a', 'b']"])!.message).toContain("['a', 'b']");
  });

  it("takes the last error, treats a silent SIGKILL as host OOM, and says nothing about healthy logs", () => {
    expect(classifyTrainingFailure(["torch.OutOfMemoryError: CUDA out of memory.", "ValueError: Cannot merge adapters to a quantized model."])!.code).toBe("merge_into_quantized");
    expect(classifyTrainingFailure(tail("Running tokenizer on dataset"), { exitCode: null, signal: "SIGKILL" })!.code).toBe("cpu_oom");
    expect(classifyTrainingFailure(tail("{'loss': 1.2, 'grad_norm': 3.1, 'learning_rate': 1e-4, 'epoch': 0.5}"), { exitCode: 1, signal: null })).toBeNull();
    expect(classifyTrainingFailure([])).toBeNull();
  });
});

describe("detectNanLoss", () => {
  it("flags NaN loss, eval loss or grad norm in trainer_log entries and stdout dicts", () => {
    expect(detectNanLoss(parseTrainerLogLine('{"current_steps": 20, "loss": NaN, "lr": 5e-05}')!)?.code).toBe("nan_loss");
    expect(detectNanLoss({ loss: 0, grad_norm: NaN })?.message).toMatch(/grad_norm/);
    expect(detectNanLoss({ eval_loss: Infinity })?.code).toBe("nan_loss");
    expect(detectNanLoss({ loss: 0.8, grad_norm: 2 })).toBeNull();
    expect(detectNanLoss({})).toBeNull();
  });
});
