"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { TextField } from "@/components/ui/TextField";
import { formatMiB } from "@/lib/i18n/format";
import { DS_STAGES } from "@/lib/tools/llamafactory/train-args";
import { ArgSelect, ArgToggle, Group } from "./fields";
import { isFieldVisible, type FormValues } from "./form-state";
import type { FieldMessages } from "./TrainFields";

export type FinetuneHostInfo = { id: string; name: string; gpuSlots: number[]; gpus: { index: number; name: string; memoryTotalMiB: number; memoryUsedMiB: number }[] };

type Props = {
  host: FinetuneHostInfo;
  values: FormValues;
  onChange: <K extends keyof FormValues>(key: K, value: FormValues[K]) => void;
  gpus: number;
  onGpus: (n: number) => void;
  name: string;
  onName: (v: string) => void;
  defaultName: string;
  errors: FieldMessages;
  warnings: FieldMessages;
};

/** Where and as what the run goes: GPU count, DeepSpeed, and the name of what it registers. */
export function RunFields({ host, values, onChange, gpus, onGpus, name, onName, defaultName, errors, warnings }: Props) {
  const { tr } = useI18n();
  const slots = host.gpuSlots.length;
  const slotGpus = host.gpus.filter((g) => host.gpuSlots.includes(g.index));
  const gpuOptions = Array.from({ length: slots + 1 }, (_, n) => ({ value: String(n), label: n === 0 ? tr("finetune.gpusCpu") : String(n) }));
  const help = slots ? tr("finetune.gpusHelp", { host: host.name, n: slots }) : tr("finetune.noGpuSlots", { host: host.name });
  return (
    <>
      <Group legend={tr("finetune.group.distributed")}>
        <ArgSelect id="ft-gpus" label={tr("finetune.field.gpus")} lfKey="CUDA_VISIBLE_DEVICES" help={help} error={errors.gpus} value={String(gpus)} onChange={(v) => onGpus(Number(v))} options={gpuOptions} />
        <ArgSelect
          id="ft-ds_stage"
          label={tr("finetune.field.ds_stage")}
          lfKey="deepspeed"
          help={tr("finetune.help.ds_stage")}
          error={errors.ds_stage}
          warning={warnings.ds_stage}
          value={values.ds_stage}
          onChange={(v) => onChange("ds_stage", v)}
          options={DS_STAGES.map((s) => ({ value: s, label: s === "none" ? tr("finetune.dsStage.none") : `ZeRO-${s}` }))}
        />
        {isFieldVisible("ds_offload", values) ? (
          <ArgToggle id="ft-ds_offload" label={tr("finetune.field.ds_offload")} lfKey="offload_*" help={tr("finetune.help.ds_offload")} error={errors.ds_offload} checked={values.ds_offload} onChange={(v) => onChange("ds_offload", v)} />
        ) : null}
        {slotGpus.length ? (
          <ul className="text-xs text-zinc-500 sm:col-span-2 lg:col-span-3" data-testid="ft-gpu-list">
            {slotGpus.map((g) => (
              <li key={g.index}>{tr("finetune.gpuLine", { index: g.index, name: g.name, free: formatMiB(g.memoryTotalMiB - g.memoryUsedMiB), total: formatMiB(g.memoryTotalMiB) })}</li>
            ))}
          </ul>
        ) : null}
      </Group>
      <Group legend={tr("finetune.group.output")}>
        <TextField id="ft-name" className="sm:col-span-2 lg:col-span-3" label={tr("finetune.field.name")} help={tr("finetune.help.name")} error={errors.name} value={name} onChange={(e) => onName(e.target.value)} placeholder={defaultName} maxLength={200} />
      </Group>
    </>
  );
}
