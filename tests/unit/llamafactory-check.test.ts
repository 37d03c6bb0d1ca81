import { describe, expect, it } from "vitest";
import { checkTrainArgs, type TrainCheckContext } from "../../lib/tools/llamafactory/check-train-args";
import { computeCapability } from "../../lib/tools/llamafactory/gpu-arch";
import { TrainArgsSchema, type TrainArgsInput } from "../../lib/tools/llamafactory/train-args";

const h100 = { index: 0, name: "NVIDIA H100 80GB HBM3", memoryTotalMiB: 81559, computeCapability: null };
const ctx: TrainCheckContext = { gpus: [h100], gpuCount: 1, datasetPurposes: ["sft"], baseQuantized: false, modelTemplate: "qwen3_nothink" };

function codes(input: TrainArgsInput, over: Partial<TrainCheckContext> = {}) {
  const r = checkTrainArgs(TrainArgsSchema.parse(input), { ...ctx, ...over });
  for (const i of [...r.errors, ...r.warnings]) expect(i.message.length, i.code).toBeGreaterThan(20);
  return { errors: r.errors.map((i) => i.code), warnings: r.warnings.map((i) => i.code), raw: r };
}

describe("checkTrainArgs", () => {
  it("passes a plain LoRA SFT run on an H100 with the model's template", () => {
    expect(codes({ template: "qwen3_nothink" })).toMatchObject({ errors: [], warnings: [] });
    expect(codes({ lora_rank: 16, lora_alpha: 16 }).warnings).toEqual([]); // alpha ≠ 2×rank is fine
  });

  it.each<[string, TrainArgsInput, Partial<TrainCheckContext>, string]>([
    ["QLoRA with full", { finetuning_type: "full", quantization_bit: 4 }, {}, "quantization_needs_lora"],
    ["QLoRA with freeze", { finetuning_type: "freeze", quantization_bit: 8 }, {}, "quantization_needs_lora"],
    ["EETQ 4-bit", { quantization_bit: 4, quantization_method: "eetq" }, {}, "eetq_needs_8bit"],
    ["full on a GPTQ base", { finetuning_type: "full" }, { baseQuantized: true }, "quantized_base_needs_lora"],
    ["quantization on CPU", { quantization_bit: 4, compute_type: "fp32" }, { gpuCount: 0, gpus: [] }, "quantization_needs_gpu"],
    ["ZeRO-3 with bnb 8-bit", { quantization_bit: 8, ds_stage: "3" }, { gpuCount: 2 }, "zero3_needs_4bit"],
    ["ZeRO-3 with HQQ", { quantization_bit: 4, quantization_method: "hqq", ds_stage: "3" }, { gpuCount: 2 }, "zero3_quantization_method"],
    ["ZeRO-3 on a GPTQ base", { ds_stage: "3" }, { baseQuantized: true, gpuCount: 2 }, "zero3_prequantized"],
    ["pure_bf16 with ZeRO-3", { compute_type: "pure_bf16", ds_stage: "3" }, { gpuCount: 2 }, "pure_bf16_zero3"],
    ["offload with ZeRO-1", { ds_stage: "1", ds_offload: true }, {}, "offload_needs_zero23"],
    ["offload without DeepSpeed", { ds_offload: true }, {}, "offload_needs_zero23"],
    ["DeepSpeed on CPU", { ds_stage: "2", compute_type: "fp32" }, { gpuCount: 0, gpus: [] }, "deepspeed_needs_gpu"],
    ["bf16 on CPU", { compute_type: "bf16" }, { gpuCount: 0, gpus: [] }, "precision_needs_gpu"],
    ["fp16 on CPU", { compute_type: "fp16" }, { gpuCount: 0, gpus: [] }, "precision_needs_gpu"],
    ["fa2 on CPU", { compute_type: "fp32", flash_attn: "fa2" }, { gpuCount: 0, gpus: [] }, "flash_attn_needs_gpu"],
    ["bf16 on a V100", { compute_type: "bf16" }, { gpus: [{ index: 1, name: "Tesla V100-SXM2-32GB", memoryTotalMiB: 32510 }] }, "bf16_unsupported_gpu"],
    ["pure_bf16 on a T4 (cc given)", { compute_type: "pure_bf16" }, { gpus: [{ index: 0, name: "x", memoryTotalMiB: 15360, computeCapability: "7.5" }] }, "bf16_unsupported_gpu"],
    ["no dataset", {}, { datasetPurposes: [] }, "dataset_required"],
    ["DPO on SFT data", { stage: "dpo" }, { datasetPurposes: ["sft"] }, "stage_needs_preference_data"],
    ["RM on mixed data", { stage: "rm" }, { datasetPurposes: ["preference", "sft"] }, "stage_needs_preference_data"],
    ["SFT on preference data", { stage: "sft" }, { datasetPurposes: ["preference"] }, "preference_data_needs_ranking_stage"],
    ["KTO on SFT data", { stage: "kto" }, { datasetPurposes: ["sft"] }, "kto_needs_kto_data"],
    ["SFT on plain text", { stage: "sft" }, { datasetPurposes: ["pretrain"] }, "sft_needs_responses"],
    ["val_size with eval datasets", { val_size: 0.1 }, { evalDatasetCount: 1 }, "val_size_with_eval_dataset"],
    ["val_size count above max_samples", { val_size: 500, max_samples: 200 }, { datasetPurposes: ["sft", "sft"] }, "val_size_too_large"],
  ])("refuses %s", (_name, input, over, code) => {
    expect(codes(input, over).errors).toContain(code);
  });

  it.each<[string, TrainArgsInput, Partial<TrainCheckContext>, string]>([
    ["template differs from the model's", { template: "chatml" }, {}, "template_mismatch"],
    ["default template for an instruct model", { template: "default" }, {}, "generic_template_for_chat_model"],
    ["empty template for an instruct model", { template: "empty" }, { modelTemplate: "llama3" }, "generic_template_for_chat_model"],
    ["reasoning template for a non-thinking model", { template: "qwen3" }, {}, "reasoning_template_for_nothink_model"],
    ["quantization_bit on a quantized base", { quantization_bit: 4 }, { baseQuantized: true }, "quantization_bit_ignored"],
    ["fa2 on a T4", { compute_type: "fp16", flash_attn: "fa2" }, { gpus: [{ index: 0, name: "Tesla T4", memoryTotalMiB: 15360 }] }, "fa2_unsupported_gpu"],
    ["fa3 on an A100", { flash_attn: "fa3" }, { gpus: [{ index: 0, name: "NVIDIA A100-SXM4-80GB", memoryTotalMiB: 81920 }] }, "fa3_unsupported_gpu"],
    ["pt on instruction data", { stage: "pt" }, { datasetPurposes: ["sft"] }, "pt_uses_prompt_only"],
    ["eval_steps without a split", { eval_steps: 50 }, {}, "eval_steps_unused"],
    ["warmup_ratio and warmup_steps", { warmup_ratio: 0.1, warmup_steps: 10 }, {}, "warmup_both_set"],
  ])("warns on %s", (_name, input, over, code) => {
    const r = codes(input, over);
    expect(r.warnings).toContain(code);
  });

  it("accepts the CPU smoke recipe and ZeRO-3 QLoRA with bnb 4-bit", () => {
    expect(codes({ compute_type: "fp32", flash_attn: "disabled" }, { gpuCount: 0, gpus: [] }).errors).toEqual([]);
    expect(codes({ quantization_bit: 4, ds_stage: "3", ds_offload: true }, { gpuCount: 4 }).errors).toEqual([]);
    expect(codes({ stage: "dpo" }, { datasetPurposes: ["preference"] }).errors).toEqual([]);
    expect(codes({ stage: "kto" }, { datasetPurposes: ["kto"] }).errors).toEqual([]);
  });

  it("says what to change, naming the GPU", () => {
    const r = codes({ compute_type: "bf16" }, { gpus: [{ index: 3, name: "Tesla V100-PCIE-16GB", memoryTotalMiB: 16384 }] }).raw;
    expect(r.errors[0]).toMatchObject({ field: "compute_type" });
    expect(r.errors[0].message).toMatch(/V100.*GPU 3.*7\.0.*fp16/);
  });
});

describe("compute capability from GPU names", () => {
  it.each([
    ["NVIDIA H200", 9.0], ["NVIDIA H100 PCIe", 9.0], ["NVIDIA A100-SXM4-40GB", 8.0], ["NVIDIA L4", 8.9], ["NVIDIA L40S", 8.9],
    ["NVIDIA GeForce RTX 3090", 8.6], ["NVIDIA GeForce RTX 4090", 8.9], ["NVIDIA A10G", 8.6], ["NVIDIA RTX A6000", 8.6],
    ["Tesla V100-SXM2-16GB", 7.0], ["Tesla T4", 7.5], ["Tesla P100-PCIE-16GB", 6.0], ["Mystery Accelerator", null],
  ])("%s → %s", (name, cc) => {
    expect(computeCapability({ name })).toBe(cc);
  });

  it("prefers the reported value", () => {
    expect(computeCapability({ name: "Tesla T4", computeCapability: "8.6" })).toBe(8.6);
    expect(computeCapability({ name: "x", computeCapability: "90" })).toBe(9);
  });
});
