"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { TextField } from "@/components/ui/TextField";
import { formatMiB } from "@/lib/i18n/format";
import { DS_STAGES } from "@/lib/tools/llamafactory/train-args";
import { ArgSelect, ArgToggle, Group } from "./fields";
import { isFieldVisible, type FormValues } from "./form-state";
import type { FieldMessages } from "./TrainFields";

export type FinetuneHostInfo = { id: string; name: string; gpuSlots: number[]; gpus: { index: number; name: string; memoryTotalMiB: number; memoryUsedMiB: number }[]; address?: string | null };
/** A host that can be another node of a multi-node run. */
export type NodeHostOption = { id: string; name: string; gpuSlots: number; online: boolean };

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
  otherHosts: NodeHostOption[];
  nodeHostIds: string[];
  onNodes: (ids: string[]) => void;
};

/** Where and as what the run goes: GPU count, DeepSpeed, and the name of what it registers. */
export function RunFields({ host, values, onChange, gpus, onGpus, name, onName, defaultName, errors, warnings, otherHosts, nodeHostIds, onNodes }: Props) {
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
        {otherHosts.length ? (
          <fieldset className="sm:col-span-2 lg:col-span-3" data-testid="ft-nodes">
            <legend className="text-sm font-medium text-zinc-800">{tr("train.nodes")}</legend>
            <p className="mb-1.5 text-xs text-zinc-500">{host.address ? tr("train.nodesHelp", { host: host.name, address: host.address }) : tr("train.nodesNoAddress", { host: host.name })}</p>
            <ul className="flex flex-wrap gap-3">
              {otherHosts.map((h) => (
                <li key={h.id}>
                  <label className="flex items-center gap-1.5 text-sm text-zinc-700">
                    <input
                      type="checkbox"
                      checked={nodeHostIds.includes(h.id)}
                      onChange={(e) => onNodes(e.target.checked ? [...nodeHostIds, h.id] : nodeHostIds.filter((id) => id !== h.id))}
                      data-testid={`ft-node-${h.id}`}
                    />
                    {h.name}
                    <span className="text-xs text-zinc-500">{h.online ? tr("train.nodeGpus", { n: h.gpuSlots }) : tr("train.nodeOffline")}</span>
                  </label>
                </li>
              ))}
            </ul>
            {errors.nodes ? <p className="mt-1 text-xs text-red-700">{errors.nodes}</p> : null}
          </fieldset>
        ) : null}
      </Group>
      <Group legend={tr("finetune.group.output")}>
        <TextField id="ft-name" className="sm:col-span-2 lg:col-span-3" label={tr("finetune.field.name")} help={tr("finetune.help.name")} error={errors.name} value={name} onChange={(e) => onName(e.target.value)} placeholder={defaultName} maxLength={200} />
      </Group>
    </>
  );
}
