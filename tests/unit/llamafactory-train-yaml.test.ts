import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TRAIN_KEYS } from "../../lib/tools/llamafactory/known-keys";
import { COMPUTE_TYPES, DS_STAGES, FINETUNING_TYPES, STAGES, TRAIN_PRESETS, TrainArgsSchema, presetArgs, type TrainArgs } from "../../lib/tools/llamafactory/train-args";
import { buildTrainConfig, importTrainYaml, managedFromImport, trainConfigToYaml, type ManagedTrainInput } from "../../lib/tools/llamafactory/train-yaml";
import { formatYamlNumber } from "../../lib/tools/llamafactory/yaml-format";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures/llamafactory", name), "utf8");

const managed: ManagedTrainInput = {
  modelPath: "/models/qwen3-1.7b",
  datasetDir: "/data/ds",
  datasets: ["tickets", "faq"],
  outputDir: "/runs/r1",
  overwriteOutputDir: true,
};

function roundTrip(name: string) {
  const text = fixture(name);
  const imported = importTrainYaml(text);
  const args = TrainArgsSchema.parse(imported.args);
  const config = buildTrainConfig(args, managedFromImport(imported.managed, imported.extra));
  const yaml = trainConfigToYaml(config);
  return { original: parse(text) as Record<string, unknown>, imported, args, back: parse(yaml) as Record<string, unknown>, yaml };
}

describe("LF example YAMLs survive import → build → YAML", () => {
  it.each(["lora_sft.yaml", "full_sft_ds3.yaml", "qlora_otfq.yaml"])("%s keeps every key and value", (name) => {
    const { original, imported, back } = roundTrip(name);
    expect(imported.errors).toEqual([]);
    for (const [key, value] of Object.entries(original)) expect(back[key], key).toEqual(value);
  });

  it("puts form keys in args, paths in managed, and only form-less LF keys in extra", () => {
    const { imported, args } = roundTrip("lora_sft.yaml");
    expect(imported.managed).toEqual({
      model_name_or_path: "Qwen/Qwen3-1.7B",
      dataset: ["support_tickets", "alpaca_en_demo"],
      template: "qwen3",
      output_dir: "saves/qwen3-1.7b/lora/tickets",
      overwrite_output_dir: true,
      resume_from_checkpoint: null,
    });
    expect(imported.extra).toEqual({ preprocessing_num_workers: 8, dataloader_num_workers: 2, plot_loss: true, save_only_model: false });
    expect(args).toMatchObject({ stage: "sft", finetuning_type: "lora", lora_rank: 16, cutoff_len: 4096, max_samples: 5000, learning_rate: 2e-4, num_train_epochs: 2, warmup_ratio: 0.05, compute_type: "bf16", logging_steps: 5, save_steps: 200, per_device_train_batch_size: 2, gradient_accumulation_steps: 4 });
    expect(args.lora_alpha).toBeUndefined(); // LF's 2 × rank, not LlamaBoard's 16
  });

  it("reads the DeepSpeed stage from the config path and the eval block into val_size/eval_steps", () => {
    const { imported, args, back } = roundTrip("full_sft_ds3.yaml");
    expect(args).toMatchObject({ finetuning_type: "full", ds_stage: "3", ds_offload: false, val_size: 0.02, eval_steps: 500, learning_rate: 1e-5 });
    expect(imported.managed.deepspeed).toBe("examples/deepspeed/ds_z3_config.json");
    expect(imported.extra).toMatchObject({ overwrite_cache: true });
    expect(back.eval_strategy).toBe("steps");
  });

  it("accepts learning rates written as 1e-4 and keeps QLoRA settings in args", () => {
    const { imported, args } = roundTrip("qlora_otfq.yaml");
    expect(args).toMatchObject({ quantization_bit: 4, quantization_method: "bnb", lora_alpha: 64, lora_dropout: 0.05, lora_target: "q_proj,v_proj", learning_rate: 1e-4 });
    expect(imported.extra).toMatchObject({ double_quantization: false });
    expect(imported.managed.resume_from_checkpoint).toBeUndefined();
    expect(importTrainYaml('learning_rate: "5e-6"\n').args.learning_rate).toBe(5e-6);
  });

  it("writes sections like LF's examples and floats PyYAML reads as floats", () => {
    const { yaml } = roundTrip("lora_sft.yaml");
    expect(yaml.split("\n").filter((l) => l.startsWith("###"))).toEqual(["### model", "### method", "### dataset", "### output", "### train"]);
    expect(yaml).toMatch(/^learning_rate: 0\.0002$/m);
    expect(formatYamlNumber(1e-7)).toBe("1.0e-7");
    expect(formatYamlNumber(5e-6)).toBe("0.000005");
    expect(formatYamlNumber(1.5e-8)).toBe("1.5e-8");
    expect(formatYamlNumber(180000000)).toBe("180000000");
    expect(formatYamlNumber(NaN)).toBe(".nan");
  });
});

describe("importTrainYaml refusals and fallbacks", () => {
  it("reports keys LF does not know with LF's own message, and keeps them out of extra", () => {
    const r = importTrainYaml("model_name_or_path: m\nstage: sft\nlearning_rte: 1.0e-4\nlora_rnk: 8\n");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain("Some keys are not used by the HfArgumentParser: ['learning_rte', 'lora_rnk']");
    expect(r.extra).toEqual({});
  });

  it("refuses val_size together with eval_dataset, and non-mapping or broken YAML", () => {
    expect(importTrainYaml("dataset: a\neval_dataset: b\nval_size: 0.1\n").errors.join()).toMatch(/Cannot specify val_size if eval_dataset is not None/);
    expect(importTrainYaml("- a\n- b\n").errors[0]).toMatch(/mapping/);
    expect(importTrainYaml("a: [1, 2\n").errors[0]).toMatch(/not valid YAML/);
  });

  it("imports absent keys as LF's defaults, not LlamaBoard's", () => {
    const r = importTrainYaml("model_name_or_path: m\ndataset: d\n");
    expect(r.args).toMatchObject({ per_device_train_batch_size: 8, gradient_accumulation_steps: 1, lr_scheduler_type: "linear", logging_steps: 500, save_steps: 500, compute_type: "fp32" });
  });

  it("keeps values the form cannot hold in extra, so the rebuild still reproduces them", () => {
    const text = "model_name_or_path: m\ndataset: d\nlogging_steps: 0.5\nquantization_bit: 3\nquantization_method: hqq\nfinetuning_type: lora\n";
    const r = importTrainYaml(text);
    expect(r.extra).toMatchObject({ logging_steps: 0.5, quantization_bit: 3, quantization_method: "hqq" });
    expect(r.notes.join()).toMatch(/logging_steps/);
    const back = buildTrainConfig(TrainArgsSchema.parse(r.args), managedFromImport(r.managed, r.extra));
    expect(back).toMatchObject({ logging_steps: 0.5, quantization_bit: 3, quantization_method: "hqq" });
  });
});

describe("buildTrainConfig", () => {
  it("adds LlamaBoard's fixed keys and maps compute_type to LF's precision flags", () => {
    const c = buildTrainConfig(presetArgs("lora-sft-quick"), managed);
    expect(c).toMatchObject({ do_train: true, report_to: "none", include_num_input_tokens_seen: true, plot_loss: false, ddp_timeout: 180000000, bf16: true, dataset: "tickets,faq", dataset_dir: "/data/ds", overwrite_output_dir: true });
    expect(c).not.toHaveProperty("resume_from_checkpoint");
    expect(c).not.toHaveProperty("eval_strategy");
    expect(Object.keys(c).slice(0, 2)).toEqual(["model_name_or_path", "trust_remote_code"]);
    const cpu = buildTrainConfig(presetArgs("cpu-smoke-test"), managed);
    expect(cpu).toMatchObject({ bf16: false, fp16: false, max_steps: 1 });
    expect(buildTrainConfig(TrainArgsSchema.parse({ compute_type: "pure_bf16" }), managed)).toMatchObject({ pure_bf16: true });
  });

  it("adds the eval block for a validation split, eval_steps defaulting to save_steps", () => {
    const c = buildTrainConfig(TrainArgsSchema.parse({ val_size: 0.1, save_steps: 250, per_device_train_batch_size: 4 }), managed);
    expect(c).toMatchObject({ val_size: 0.1, eval_strategy: "steps", eval_steps: 250, per_device_eval_batch_size: 4 });
    const e = buildTrainConfig(TrainArgsSchema.parse({}), { ...managed, evalDatasets: ["held_out"] });
    expect(e).toMatchObject({ eval_dataset: "held_out", eval_strategy: "steps" });
    expect(e).not.toHaveProperty("val_size");
    expect(() => buildTrainConfig(TrainArgsSchema.parse({ val_size: 0.1 }), { ...managed, evalDatasets: ["x"] })).toThrow(/val_size/);
  });

  it("needs a DeepSpeed config path for ZeRO and lets extra override fixed defaults", () => {
    const args = presetArgs("full-sft-zero3");
    expect(() => buildTrainConfig(args, managed)).toThrow(/deepspeedConfigPath/);
    const c = buildTrainConfig(args, { ...managed, deepspeedConfigPath: "/runs/r1/ds_z3_config.json", resumeFromCheckpoint: null, extra: { plot_loss: true, optim: "adamw_torch" } });
    expect(c).toMatchObject({ deepspeed: "/runs/r1/ds_z3_config.json", resume_from_checkpoint: null, plot_loss: true, optim: "adamw_torch" });
    expect(c).not.toHaveProperty("lora_rank");
  });

  it("writes method keys only for the method in use", () => {
    const freeze = buildTrainConfig(presetArgs("freeze-last-layers"), managed);
    expect(freeze).toMatchObject({ freeze_trainable_layers: 2, freeze_trainable_modules: "all" });
    expect(freeze).not.toHaveProperty("lora_rank");
    const dpo = buildTrainConfig(presetArgs("dpo-lora"), managed);
    expect(dpo).toMatchObject({ stage: "dpo", pref_beta: 0.1, pref_loss: "sigmoid", lora_rank: 8 });
    expect(buildTrainConfig(presetArgs("qlora-4bit"), managed)).toMatchObject({ quantization_bit: 4, quantization_method: "bnb" });
  });

  it("every preset parses and builds", () => {
    for (const p of TRAIN_PRESETS) {
      const args = presetArgs(p.id);
      const c = buildTrainConfig(args, { ...managed, deepspeedConfigPath: args.ds_stage === "none" ? null : "/tmp/ds.json" });
      expect(c.stage, p.id).toBe(args.stage);
    }
  });

  it("emits only keys `llamafactory-cli train` accepts, over all option combinations", () => {
    const emitted = new Set<string>();
    for (const stage of STAGES)
      for (const finetuning_type of FINETUNING_TYPES)
        for (const compute_type of COMPUTE_TYPES)
          for (const ds_stage of DS_STAGES)
            for (const variant of [0, 1, 2]) {
              const args: TrainArgs = TrainArgsSchema.parse({
                stage, finetuning_type, compute_type, ds_stage,
                ds_offload: ds_stage === "2" || ds_stage === "3",
                quantization_bit: variant === 1 ? 4 : undefined,
                val_size: variant === 1 ? 0.1 : 0,
                lora_alpha: variant === 2 ? 32 : undefined,
                max_samples: 10, max_steps: variant === 2 ? 5 : undefined,
                warmup_ratio: 0.1, warmup_steps: variant === 2 ? 3 : undefined,
                packing: variant === 2, disable_gradient_checkpointing: variant === 2, template: "qwen3", eval_steps: 7,
              });
              const c = buildTrainConfig(args, {
                ...managed, template: "llama3", adapterPath: variant === 2 ? "/a" : null, deepspeedConfigPath: ds_stage === "none" ? null : "/ds.json",
                evalDatasets: variant === 2 ? ["e"] : undefined, resumeFromCheckpoint: variant === 0 ? undefined : variant === 1 ? null : "/runs/r1/checkpoint-5",
              });
              Object.keys(c).forEach((k) => emitted.add(k));
            }
    const unknown = [...emitted].filter((k) => !TRAIN_KEYS.has(k));
    expect(unknown).toEqual([]);
    expect(emitted.size).toBeGreaterThan(40);
  });
});

describe("schemas are plain JSON Schema (published in OpenAPI)", () => {
  it("converts without transforms or refinements", async () => {
    const { z } = await import("zod");
    const { ExportArgsSchema } = await import("../../lib/tools/llamafactory/export-args");
    const train = z.toJSONSchema(TrainArgsSchema, { io: "input" }) as { properties: Record<string, Record<string, unknown>> };
    expect(train.properties.stage.enum).toEqual(["pt", "sft", "rm", "dpo", "kto"]);
    expect(train.properties.cutoff_len).toMatchObject({ minimum: 4, maximum: 131072, default: 2048 });
    expect(JSON.stringify(train.properties.freeze_trainable_layers)).toContain('"maximum":-1');
    expect(() => z.toJSONSchema(ExportArgsSchema, { io: "input" })).not.toThrow();
  });
});
