import { describe, expect, it } from "vitest";
import { estimateTrainMemory, fitsOn, type MemoryEstimateInput } from "../../lib/tools/llamafactory/memory-estimate";

// Qwen3-8B-like shape.
const base: MemoryEstimateInput = {
  parameterCount: 8.2e9, hiddenSize: 4096, numLayers: 36, vocabSize: 151936,
  finetuning_type: "lora", compute_type: "bf16", ds_stage: "none", ds_offload: false, gpuCount: 1,
  per_device_train_batch_size: 1, cutoff_len: 2048, gradientCheckpointing: true, lora_rank: 8,
};
const est = (over: Partial<MemoryEstimateInput>) => estimateTrainMemory({ ...base, ...over });
const term = (e: ReturnType<typeof estimateTrainMemory>, name: string) => e.terms.find((t) => t.name === name)!.gib;

describe("estimateTrainMemory", () => {
  it("orders QLoRA < LoRA < full", () => {
    const q = est({ quantization_bit: 4 }).perDeviceGiB;
    const l = est({}).perDeviceGiB;
    const f = est({ finetuning_type: "full" }).perDeviceGiB;
    expect(q).toBeLessThan(l);
    expect(l).toBeLessThan(f);
    expect(q).toBeLessThan(12); // 8B QLoRA fits a 16 GB card in practice
    expect(f).toBeGreaterThan(120); // 16 bytes × 8.2B
  });

  it("shards full fine-tuning with ZeRO-3 over 8 GPUs far below one GPU, and ZeRO stages step down", () => {
    const one = est({ finetuning_type: "full", ds_stage: "3", gpuCount: 1 }).perDeviceGiB;
    const eight = est({ finetuning_type: "full", ds_stage: "3", gpuCount: 8 }).perDeviceGiB;
    expect(eight).toBeLessThan(one / 4);
    const z = (s: MemoryEstimateInput["ds_stage"]) => est({ finetuning_type: "full", ds_stage: s, gpuCount: 4 }).perDeviceGiB;
    expect(z("1")).toBeLessThan(z("0"));
    expect(z("2")).toBeLessThan(z("1"));
    expect(z("3")).toBeLessThan(z("2"));
    expect(z("0")).toBe(z("none"));
  });

  it("offload moves optimizer states (and ZeRO-3 weights) off the GPU", () => {
    const z3 = est({ finetuning_type: "full", ds_stage: "3", gpuCount: 2 });
    const off = est({ finetuning_type: "full", ds_stage: "3", gpuCount: 2, ds_offload: true });
    expect(term(off, "optimizer states")).toBe(0);
    expect(term(off, "weights")).toBe(0);
    expect(off.perDeviceGiB).toBeLessThan(z3.perDeviceGiB);
    expect(term(est({ finetuning_type: "full", ds_stage: "2", ds_offload: true }), "weights")).toBeGreaterThan(15);
  });

  it("checkpointing lowers activations; longer sequences and batches raise them", () => {
    const on = term(est({ gradientCheckpointing: true }), "activations");
    const off = term(est({ gradientCheckpointing: false }), "activations");
    expect(on).toBeLessThan(off / 5);
    expect(term(est({ cutoff_len: 4096 }), "activations")).toBeCloseTo(on * 2, 2);
    expect(est({ per_device_train_batch_size: 4 }).perDeviceGiB).toBeGreaterThan(est({}).perDeviceGiB);
  });

  it("LoRA trainable size follows the rank; fp32 doubles weights; every term says how it was computed", () => {
    expect(term(est({ lora_rank: 64 }), "optimizer states")).toBeCloseTo(term(est({ lora_rank: 8 }), "optimizer states") * 8, 1);
    expect(term(est({ compute_type: "fp32" }), "weights")).toBeCloseTo(term(est({}), "weights") * 2, 1);
    const e = est({});
    expect(e.terms.map((t) => t.name)).toEqual(["weights", "gradients", "optimizer states", "activations", "logits", "CUDA context"]);
    for (const t of e.terms) expect(t.formula.length).toBeGreaterThan(10);
    expect(e.terms.find((t) => t.name === "weights")!.formula).toMatch(/8\.20B params × 2 bytes/);
    expect(e.perDeviceGiB).toBeCloseTo(e.terms.reduce((s, t) => s + t.gib, 0), 1);
  });

  it("works without config shape, and fitsOn compares against free MiB", () => {
    const e = estimateTrainMemory({ ...base, hiddenSize: undefined, numLayers: undefined, vocabSize: undefined });
    expect(e.perDeviceGiB).toBeGreaterThan(15);
    expect(fitsOn(e, 80 * 1024)).toBe(true);
    expect(fitsOn(e, 8 * 1024)).toBe(false);
    expect(fitsOn({ perDeviceGiB: 10, terms: [] }, 10 * 1024)).toBe(true);
    expect(fitsOn({ perDeviceGiB: 10, terms: [] }, 10 * 1024, 0.1)).toBe(false);
  });
});
