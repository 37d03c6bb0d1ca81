import { describe, expect, it } from "vitest";
import { deepspeedConfig, deepspeedConfigFileName, deepspeedStageFromPath } from "../../lib/tools/llamafactory/deepspeed";

// What LF 0.9.5 ships in examples/deepspeed/ (values read from the files; reference §3).
const AUTO = Object.fromEntries(["train_batch_size", "train_micro_batch_size_per_gpu", "gradient_accumulation_steps", "gradient_clipping"].map((k) => [k, "auto"]));
const FP16 = { enabled: "auto", loss_scale: 0, loss_scale_window: 1000, initial_scale_power: 16, hysteresis: 2, min_loss_scale: 1 };
const SHARED = { ...AUTO, zero_allow_untested_optimizer: true, fp16: FP16, bf16: { enabled: "auto" } };
const Z0 = { stage: 0, allgather_partitions: true, allgather_bucket_size: 5e8, overlap_comm: false, reduce_scatter: true, reduce_bucket_size: 5e8, contiguous_gradients: true, round_robin_gradients: true };
const Z3 = { stage: 3, overlap_comm: false, contiguous_gradients: true, sub_group_size: 1e9, reduce_bucket_size: "auto", stage3_prefetch_bucket_size: "auto", stage3_param_persistence_threshold: "auto", stage3_max_live_parameters: 1e9, stage3_max_reuse_distance: 1e9, stage3_gather_16bit_weights_on_model_save: true };
const CPU = { device: "cpu", pin_memory: true };

describe("deepspeedConfig", () => {
  it("equals ds_z0/ds_z2/ds_z3 and their offload variants", () => {
    expect(deepspeedConfig(0, false)).toEqual({ ...SHARED, zero_optimization: Z0 });
    expect(deepspeedConfig(1, false)).toEqual({ ...SHARED, zero_optimization: { ...Z0, stage: 1 } });
    expect(deepspeedConfig(2, false)).toEqual({ ...SHARED, zero_optimization: { ...Z0, stage: 2 } });
    expect(deepspeedConfig(2, true)).toEqual({ ...SHARED, zero_optimization: { ...Z0, stage: 2, offload_optimizer: CPU } });
    expect(deepspeedConfig(3, false)).toEqual({ ...SHARED, zero_optimization: Z3 });
    expect(deepspeedConfig(3, true)).toEqual({ ...SHARED, zero_optimization: { ...Z3, offload_optimizer: CPU, offload_param: CPU } });
  });

  it("keeps LF's key order (offload right after stage)", () => {
    expect(Object.keys((deepspeedConfig(3, true) as { zero_optimization: object }).zero_optimization).slice(0, 4)).toEqual(["stage", "offload_optimizer", "offload_param", "overlap_comm"]);
    expect(JSON.stringify(deepspeedConfig(2, false))).toContain('"allgather_bucket_size":500000000');
  });

  it("refuses offload below stage 2", () => {
    expect(() => deepspeedConfig(0, true)).toThrow(/stage 2/);
    expect(() => deepspeedConfig(1, true)).toThrow(/offload/);
  });

  it("names files like LF and reads them back", () => {
    expect(deepspeedConfigFileName(3, true)).toBe("ds_z3_offload_config.json");
    expect(deepspeedStageFromPath("examples/deepspeed/ds_z2_config.json")).toEqual({ stage: 2, offload: false });
    expect(deepspeedStageFromPath("/x/llamaboard_cache/ds_z3_offload_config.json")).toEqual({ stage: 3, offload: true });
    expect(deepspeedStageFromPath("my_ds.json")).toBeNull();
  });
});
