"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { COMPUTE_TYPES, FINETUNING_TYPES, FLASH_ATTN, LR_SCHEDULERS, PREF_LOSSES, QUANTIZATION_METHODS, STAGES, type TrainArgKey } from "@/lib/tools/llamafactory/train-args";
import { ArgInput, ArgSelect, ArgToggle, Group, options, type ArgFieldProps } from "./fields";
import { isFieldVisible, parseNumber, type FormValues, type TextKey } from "./form-state";

/** LF template names people pick most; any other LF name can still be typed. */
const COMMON_TEMPLATES = [
  "qwen3", "qwen3_nothink", "qwen", "llama3", "llama2", "mistral", "gemma", "gemma2", "gemma3", "phi", "phi4", "deepseek3", "deepseekr1",
  "glm4", "chatml", "yi", "smollm", "smollm2", "alpaca", "vicuna", "default", "empty",
];

export type FieldMessages = Partial<Record<string, string>>;

type Props = {
  values: FormValues;
  onChange: <K extends keyof FormValues>(key: K, value: FormValues[K]) => void;
  errors: FieldMessages;
  warnings: FieldMessages;
  gpus: number;
};

/** The training arguments, grouped as LlamaBoard groups them; groups for another method or stage are hidden. */
export function TrainFields({ values, onChange, errors, warnings, gpus }: Props) {
  const { tr } = useI18n();
  const show = (key: TrainArgKey) => isFieldVisible(key, values);
  const base = (key: TrainArgKey): ArgFieldProps => ({ id: `ft-${key}`, label: tr(`finetune.field.${key}`), lfKey: key, error: errors[key], warning: warnings[key] });
  const text = (key: TextKey, extra: { placeholder?: string; help?: string; list?: string; mono?: boolean } = {}) => (
    <ArgInput {...base(key)} {...extra} value={values[key]} onChange={(v) => onChange(key, v)} />
  );
  const select = (key: TextKey, opts: readonly { value: string; label: string }[], help?: string) => (
    <ArgSelect {...base(key)} help={help} value={values[key]} onChange={(v) => onChange(key, v)} options={opts} />
  );
  const batch = parseNumber(values.per_device_train_batch_size) ?? 2;
  const accum = parseNumber(values.gradient_accumulation_steps) ?? 8;
  const effective = batch * accum * Math.max(1, gpus);

  return (
    <div className="space-y-4">
      <Group legend={tr("finetune.group.method")} testId="ft-group-method">
        {select("stage", options(STAGES, (s) => tr(`finetune.stage.${s as (typeof STAGES)[number]}`)), tr("finetune.help.stage"))}
        {select("finetuning_type", options(FINETUNING_TYPES, (m) => tr(`finetune.method.${m as (typeof FINETUNING_TYPES)[number]}`)), tr("finetune.help.finetuning_type"))}
        {show("quantization_bit")
          ? select("quantization_bit", [{ value: "", label: tr("finetune.quantBits.none") }, ...["4", "8"].map((n) => ({ value: n, label: tr("finetune.quantBits.n", { n }) }))], tr("finetune.help.quantization_bit"))
          : null}
        {show("quantization_method") ? select("quantization_method", options(QUANTIZATION_METHODS)) : null}
      </Group>

      <Group legend={tr("finetune.group.template")}>
        {text("template", { placeholder: tr("finetune.placeholder.template"), help: tr("finetune.help.template"), list: "ft-template-names", mono: true })}
        <datalist id="ft-template-names">
          {COMMON_TEMPLATES.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      </Group>

      <Group legend={tr("finetune.group.data")}>
        {text("cutoff_len", { help: tr("finetune.help.cutoff_len") })}
        {text("max_samples", { placeholder: tr("finetune.placeholder.all"), help: tr("finetune.help.max_samples") })}
        {text("val_size", { help: tr("finetune.help.val_size") })}
        {select("packing", [
          { value: "", label: tr("finetune.packing.auto") },
          { value: "true", label: tr("finetune.packing.on") },
          { value: "false", label: tr("finetune.packing.off") },
        ], tr("finetune.help.packing"))}
      </Group>

      <Group legend={tr("finetune.group.training")}>
        {text("learning_rate", { help: tr("finetune.help.learning_rate") })}
        {text("num_train_epochs")}
        {text("max_steps", { placeholder: tr("finetune.placeholder.fromEpochs"), help: tr("finetune.help.max_steps") })}
        {select("lr_scheduler_type", options(LR_SCHEDULERS))}
        {text("warmup_ratio", { placeholder: tr("finetune.placeholder.unset"), help: tr("finetune.help.warmup") })}
        {text("warmup_steps", { placeholder: tr("finetune.placeholder.unset") })}
        {text("per_device_train_batch_size")}
        {text("gradient_accumulation_steps", { help: Number.isFinite(effective) ? tr("finetune.help.effectiveBatch", { batch, accum, gpus: Math.max(1, gpus), n: effective }) : undefined })}
        {select("compute_type", options(COMPUTE_TYPES), tr("finetune.help.compute_type"))}
        {text("seed")}
      </Group>

      {show("lora_rank") ? (
        <Group legend={tr("finetune.group.lora")} testId="ft-group-lora">
          {text("lora_rank")}
          {text("lora_alpha", { placeholder: tr("finetune.placeholder.loraAlpha", { n: 2 * (parseNumber(values.lora_rank) ?? 8) }) })}
          {text("lora_dropout")}
          {text("lora_target", { help: tr("finetune.help.lora_target"), mono: true })}
        </Group>
      ) : null}

      {show("freeze_trainable_layers") ? (
        <Group legend={tr("finetune.group.freeze")} testId="ft-group-freeze">
          {text("freeze_trainable_layers", { help: tr("finetune.help.freeze_trainable_layers") })}
          {text("freeze_trainable_modules", { help: tr("finetune.help.lora_target"), mono: true })}
        </Group>
      ) : null}

      {show("pref_beta") ? (
        <Group legend={tr("finetune.group.preference")} testId="ft-group-preference">
          {text("pref_beta")}
          {show("pref_loss") ? select("pref_loss", options(PREF_LOSSES)) : null}
        </Group>
      ) : null}

      <Group legend={tr("finetune.group.speed")}>
        <ArgToggle
          {...base("disable_gradient_checkpointing")}
          help={tr("finetune.help.disable_gradient_checkpointing")}
          checked={!values.disable_gradient_checkpointing}
          onChange={(on) => onChange("disable_gradient_checkpointing", !on)}
        />
        {select("flash_attn", options(FLASH_ATTN), tr("finetune.help.flash_attn"))}
      </Group>

      <Group legend={tr("finetune.group.logging")}>
        {text("logging_steps")}
        {text("save_steps")}
        {text("eval_steps", { placeholder: tr("finetune.placeholder.sameAsSave", { n: values.save_steps || "100" }), help: tr("finetune.help.eval_steps") })}
      </Group>
    </div>
  );
}
