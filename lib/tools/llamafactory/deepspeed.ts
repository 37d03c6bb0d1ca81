/**
 * DeepSpeed configs equal in keys and values to LLaMA-Factory's examples/deepspeed/ds_z*_config.json,
 * written by us so a run does not depend on an LF checkout's examples folder. The "auto" values are
 * filled by the HF Trainer from the training arguments (batch sizes, clipping, precision).
 */

export type DeepSpeedStage = 0 | 1 | 2 | 3;
const CPU_OFFLOAD = { device: "cpu", pin_memory: true } as const;

function shared(): Record<string, unknown> {
  return {
    train_batch_size: "auto",
    train_micro_batch_size_per_gpu: "auto",
    gradient_accumulation_steps: "auto",
    gradient_clipping: "auto",
    zero_allow_untested_optimizer: true,
    fp16: { enabled: "auto", loss_scale: 0, loss_scale_window: 1000, initial_scale_power: 16, hysteresis: 2, min_loss_scale: 1 },
    bf16: { enabled: "auto" },
  };
}

export function deepspeedConfig(stage: DeepSpeedStage, offload: boolean): Record<string, unknown> {
  if (offload && stage < 2) {
    throw new Error(`ZeRO stage ${stage} has nothing to offload: choose stage 2 (optimizer offload) or 3 (optimizer and parameter offload), or turn offload off.`);
  }
  if (stage === 3) {
    return {
      ...shared(),
      zero_optimization: {
        stage: 3,
        ...(offload ? { offload_optimizer: { ...CPU_OFFLOAD }, offload_param: { ...CPU_OFFLOAD } } : {}),
        overlap_comm: false,
        contiguous_gradients: true,
        sub_group_size: 1e9,
        reduce_bucket_size: "auto",
        stage3_prefetch_bucket_size: "auto",
        stage3_param_persistence_threshold: "auto",
        stage3_max_live_parameters: 1e9,
        stage3_max_reuse_distance: 1e9,
        stage3_gather_16bit_weights_on_model_save: true,
      },
    };
  }
  return {
    ...shared(),
    zero_optimization: {
      stage,
      ...(offload ? { offload_optimizer: { ...CPU_OFFLOAD } } : {}),
      allgather_partitions: true,
      allgather_bucket_size: 5e8,
      overlap_comm: false,
      reduce_scatter: true,
      reduce_bucket_size: 5e8,
      contiguous_gradients: true,
      round_robin_gradients: true,
    },
  };
}

/** The file name LF and LlamaBoard use for a stage (ds_z3_offload_config.json …). */
export function deepspeedConfigFileName(stage: DeepSpeedStage, offload: boolean): string {
  return `ds_z${stage}${offload ? "_offload" : ""}_config.json`;
}

/** Reads a stage back from such a file name (LF's examples, LlamaBoard's cache); null when it is custom. */
export function deepspeedStageFromPath(path: string): { stage: DeepSpeedStage; offload: boolean } | null {
  const m = /ds_z([0-3])(_offload)?_config\.json$/.exec(path);
  return m ? { stage: Number(m[1]) as DeepSpeedStage, offload: m[2] !== undefined } : null;
}
