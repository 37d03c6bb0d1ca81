import { describe, expect, it } from "vitest";
import {
  argsFromRecord,
  buildBody,
  fieldMessagesFromError,
  fieldOfPath,
  formatNumber,
  initialState,
  isFieldVisible,
  parseNumber,
  splitExtra,
  stateFromPayload,
  valuesFromArgs,
  type FormState,
} from "@/components/finetune/form-state";
import { FinetuneInputSchema } from "@/lib/jobs/kinds/model-finetune";
import { presetArgs } from "@/lib/tools/llamafactory/train-args";
import { en } from "@/lib/i18n/en";

const state = (patch: Partial<FormState> = {}, values: Partial<FormState["values"]> = {}): FormState => {
  const base = initialState(1).state;
  return { ...base, datasetIds: ["ds1"], ...patch, values: { ...base.values, ...values } };
};

describe("numbers as typed", () => {
  it("parses exponent and plain forms, and rejects the rest", () => {
    expect(parseNumber("1e-4")).toBe(0.0001);
    expect(parseNumber("1.0e-4")).toBe(0.0001);
    expect(parseNumber(" 0.1 ")).toBe(0.1);
    expect(parseNumber("-2")).toBe(-2);
    expect(parseNumber("")).toBeUndefined();
    expect(parseNumber("1e")).toBeNaN();
    expect(parseNumber("0x10")).toBeNaN();
    expect(parseNumber("1,5")).toBeNaN();
  });

  it("shows small rates in exponent form", () => {
    expect(formatNumber(5e-5)).toBe("5e-5");
    expect(formatNumber(1e-4)).toBe("1e-4");
    expect(formatNumber(0.1)).toBe("0.1");
    expect(formatNumber(2048)).toBe("2048");
    expect(formatNumber(0)).toBe("0");
  });
});

describe("form values", () => {
  it("starts from LlamaBoard's defaults, optional keys empty", () => {
    const v = valuesFromArgs({});
    expect(v.learning_rate).toBe("5e-5");
    expect(v.cutoff_len).toBe("2048");
    expect(v.lr_scheduler_type).toBe("cosine");
    expect(v.lora_alpha).toBe("");
    expect(v.quantization_bit).toBe("");
    expect(v.packing).toBe("");
    expect(v.disable_gradient_checkpointing).toBe(false);
  });

  it("picks the CPU preset and no GPU on a host without GPU slots", () => {
    const cpu = initialState(0);
    expect(cpu.presetId).toBe("cpu-smoke-test");
    expect(cpu.state.gpus).toBe(0);
    expect(cpu.state.values.compute_type).toBe("fp32");
    expect(cpu.state.values.max_steps).toBe("1");
    const gpu = initialState(4);
    expect(gpu.presetId).toBeNull();
    expect(gpu.state.gpus).toBe(1);
    expect(gpu.state.values.compute_type).toBe("bf16");
  });

  it("keeps only the keys of an untrusted record that the schema accepts", () => {
    expect(argsFromRecord({ learning_rate: 1e-4, cutoff_len: 2, stage: "dpo", bogus: 1, lora_target: "q_proj,v_proj" })).toEqual({ learning_rate: 1e-4, stage: "dpo", lora_target: "q_proj,v_proj" });
    expect(argsFromRecord(null)).toEqual({});
  });
});

describe("visibility", () => {
  const v = (p: Partial<Record<"finetuning_type" | "stage" | "quantization_bit" | "ds_stage", string>>) => ({ finetuning_type: "lora", stage: "sft", quantization_bit: "", ds_stage: "none", ...p });

  it("shows LoRA and QLoRA fields for lora only, the method only with a bit count", () => {
    expect(isFieldVisible("lora_rank", v({}))).toBe(true);
    expect(isFieldVisible("quantization_bit", v({}))).toBe(true);
    expect(isFieldVisible("quantization_method", v({}))).toBe(false);
    expect(isFieldVisible("quantization_method", v({ quantization_bit: "4" }))).toBe(true);
    expect(isFieldVisible("lora_rank", v({ finetuning_type: "full" }))).toBe(false);
    expect(isFieldVisible("quantization_bit", v({ finetuning_type: "freeze" }))).toBe(false);
    expect(isFieldVisible("freeze_trainable_layers", v({ finetuning_type: "freeze" }))).toBe(true);
    expect(isFieldVisible("freeze_trainable_layers", v({}))).toBe(false);
  });

  it("shows preference fields for DPO (beta also for KTO) and offload for ZeRO-2/3", () => {
    expect(isFieldVisible("pref_loss", v({ stage: "dpo" }))).toBe(true);
    expect(isFieldVisible("pref_loss", v({ stage: "kto" }))).toBe(false);
    expect(isFieldVisible("pref_beta", v({ stage: "kto" }))).toBe(true);
    expect(isFieldVisible("pref_beta", v({ stage: "sft" }))).toBe(false);
    expect(["none", "0", "1", "2", "3"].map((ds_stage) => isFieldVisible("ds_offload", v({ ds_stage })))).toEqual([false, false, false, true, true]);
    expect(isFieldVisible("learning_rate", v({ finetuning_type: "full", stage: "pt" }))).toBe(true);
  });
});

describe("buildBody", () => {
  it("builds a body the server's schema accepts, with numbers parsed", () => {
    const { body, problems } = buildBody(state({ evalDatasetIds: ["ev1"], gpus: 2, name: "  my-run " }, { learning_rate: "1e-4", max_samples: "1000", packing: "false" }));
    expect(problems).toEqual({});
    expect(body.datasetIds).toEqual(["ds1"]);
    expect(body.evalDatasetIds).toEqual(["ev1"]);
    expect(body.gpus).toBe(2);
    expect(body.name).toBe("my-run");
    expect(body.args.learning_rate).toBe(0.0001);
    expect(body.args.max_samples).toBe(1000);
    expect(body.args.packing).toBe(false);
    expect(body.args.lora_alpha).toBeUndefined();
    const parsed = FinetuneInputSchema.parse(body);
    expect(parsed.args.learning_rate).toBe(0.0001);
    expect(parsed.args.cutoff_len).toBe(2048);
  });

  it("leaves out the fields hidden for the chosen method", () => {
    const { body } = buildBody(state({}, { finetuning_type: "full", quantization_bit: "4", lora_rank: "64", ds_stage: "2", ds_offload: true }));
    expect(body.args.finetuning_type).toBe("full");
    expect(body.args.quantization_bit).toBeUndefined();
    expect(body.args.lora_rank).toBeUndefined();
    expect(body.args.ds_offload).toBe(true);
    const noOffload = buildBody(state({}, { ds_stage: "1", ds_offload: true })).body;
    expect(noOffload.args.ds_offload).toBeUndefined();
  });

  it("reports problems per field in the form's own words", () => {
    const { problems } = buildBody(
      state({ datasetIds: [] }, { learning_rate: "1e-", cutoff_len: "2", seed: "1.5", val_size: "1", template: "qwen 3", freeze_trainable_layers: "0", lora_alpha: "99999", num_train_epochs: "0" }),
    );
    expect(problems.learning_rate).toEqual({ key: "finetune.err.number" });
    expect(problems.cutoff_len).toEqual({ key: "finetune.err.min", vars: { n: "4" } });
    expect(problems.seed).toEqual({ key: "finetune.err.int" });
    expect(problems.val_size).toEqual({ key: "finetune.err.valSize" });
    expect(problems.template).toEqual({ key: "finetune.err.template" });
    expect(problems.lora_alpha).toEqual({ key: "finetune.err.max", vars: { n: "4096" } });
    expect(problems.num_train_epochs).toEqual({ key: "finetune.err.gt", vars: { n: "0" } });
    expect(problems.dataset).toEqual({ key: "finetune.err.datasetRequired" });
    // Hidden for lora, so its bad value does not count.
    expect(problems.freeze_trainable_layers).toBeUndefined();
    for (const p of Object.values(problems)) expect(Object.hasOwn(en, p!.key), p!.key).toBe(true);
  });

  it("round-trips a preset through the form", () => {
    const preset = presetArgs("qlora-4bit");
    const { body, problems } = buildBody(state({}, valuesFromArgs(preset)));
    expect(problems).toEqual({});
    expect(FinetuneInputSchema.parse(body).args).toEqual(preset);
  });
});

describe("extra keys and API errors", () => {
  it("keeps extra keys of any YAML value (lists and mappings too) and refuses managed keys", () => {
    expect(splitExtra({ optim: "adamw_torch", weight_decay: 0.01, use_dora: true, run_name: null, gradient_checkpointing_kwargs: { use_reentrant: false }, bf16: true, output_dir: "x" })).toEqual({
      kept: { optim: "adamw_torch", weight_decay: 0.01, use_dora: true, run_name: null, gradient_checkpointing_kwargs: { use_reentrant: false } },
      dropped: [],
      managed: ["bf16", "output_dir"],
    });
  });

  it("maps zod paths, check issues and field-specific codes to form fields", () => {
    expect(fieldOfPath(["args", "cutoff_len"])).toBe("cutoff_len");
    expect(fieldOfPath(["datasetIds", 0])).toBe("dataset");
    expect(fieldOfPath(["extra", "foo"])).toBe("extra");
    expect(fieldOfPath(["somethingElse"])).toBeNull();
    expect(fieldMessagesFromError({ code: "validation_failed", message: "bad", details: [{ path: ["args", "seed"], message: "int" }, { path: ["gpus"], message: "max 16" }] })).toEqual({ seed: "int", gpus: "max 16" });
    expect(fieldMessagesFromError({ code: "training_args_refused", message: "x", details: [{ field: "compute_type", code: "bf16_unsupported_gpu", message: "no bf16" }] })).toEqual({ compute_type: "no bf16" });
    expect(fieldMessagesFromError({ code: "not_enough_gpus", message: "The run asks for 4 GPUs" })).toEqual({ gpus: "The run asks for 4 GPUs" });
    expect(fieldMessagesFromError({ code: "not_found", message: "gone" })).toEqual({});
  });
});

describe("cloning a run", () => {
  const payload = {
    baseModelId: "m1",
    datasetIds: ["a", "gone"],
    evalDatasetIds: ["b"],
    args: { ...presetArgs("dpo-lora"), learning_rate: 2e-6 },
    extra: { optim: "adamw_8bit", deepspeed: "x.json" },
    gpus: 4,
    name: "run-1",
    resume: false,
  };

  it("prefills from the payload, keeps only datasets on this host, caps GPUs", () => {
    const r = stateFromPayload(payload, ["a", "b", "c"], 2)!;
    expect(r.droppedDatasets).toBe(1);
    expect(r.state.datasetIds).toEqual(["a"]);
    expect(r.state.evalDatasetIds).toEqual(["b"]);
    expect(r.state.gpus).toBe(2);
    expect(r.state.name).toBe("run-1");
    expect(r.state.extra).toEqual({ optim: "adamw_8bit" });
    expect(r.state.values.stage).toBe("dpo");
    expect(r.state.values.learning_rate).toBe("2e-6");
    expect(r.state.values.pref_loss).toBe("sigmoid");
  });

  it("refuses a payload without args", () => {
    expect(stateFromPayload({ datasetIds: ["a"] }, ["a"], 1)).toBeNull();
    expect(stateFromPayload("nope", ["a"], 1)).toBeNull();
  });
});
