"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { PathPicker } from "@/components/hosts/PathPicker";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { Card, CardBody } from "@/components/ui/Card";
import { inputClass, labelClass } from "@/components/ui/field";
import { TextField } from "@/components/ui/TextField";

type Props = { modelId: string; hostId: string; hostName: string; isAdapter: boolean; parentName: string | null; template: string | null; defaultName: string };

const GPTQ_BITS = ["", "8", "4", "3", "2"] as const;

/** Export options as LlamaBoard's Export tab has them; GPTQ needs a calibration file on the host. */
export function ExportForm({ modelId, hostId, hostName, isAdapter, parentName, template, defaultName }: Props) {
  const { tr } = useI18n();
  const router = useRouter();
  const [name, setName] = useState(defaultName);
  const [size, setSize] = useState("5");
  const [device, setDevice] = useState<"cpu" | "auto">("cpu");
  const [legacy, setLegacy] = useState(false);
  const [bits, setBits] = useState<(typeof GPTQ_BITS)[number]>("");
  const [calibration, setCalibration] = useState("");
  const action = useApiAction<{ job: { id: string } }, "export_size" | "export_quantization_dataset" | "name">({
    onSuccess: (r) => router.push(`/jobs/${r.job.id}`),
    keepPendingOnSuccess: true,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const args = {
      export_size: Number(size),
      export_device: device,
      export_legacy_format: legacy,
      ...(bits ? { export_quantization_bit: Number(bits), export_quantization_dataset: calibration } : {}),
    };
    void action.run(`/api/v1/models/${encodeURIComponent(modelId)}/export`, { method: "POST", body: { args, name, gpus: device === "auto" ? 1 : 0 } });
  }

  return (
    <Card>
      <CardBody>
        <form onSubmit={submit} className="max-w-2xl space-y-4" data-testid="export-form">
          {isAdapter ? (
            <p className="text-sm text-zinc-600">{parentName ? tr("export.mergeInto", { base: parentName }) : tr("export.noBase")}</p>
          ) : null}
          <p className="text-sm text-zinc-600">{template ? tr("export.template", { template }) : tr("export.templateOwn")}</p>
          <TextField id="export-name" label={tr("export.name")} value={name} onChange={(e) => setName(e.target.value)} error={action.fieldErrors.name} required />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField id="export-size" type="number" min={1} max={100} label={tr("export.size")} value={size} onChange={(e) => setSize(e.target.value)} error={action.fieldErrors.export_size} help={tr("export.sizeHelp")} />
            <div>
              <label htmlFor="export-device" className={labelClass}>{tr("export.device")}</label>
              <select id="export-device" data-testid="export-device" className={inputClass} value={device} onChange={(e) => setDevice(e.target.value as "cpu" | "auto")}>
                <option value="cpu">{tr("export.deviceCpu")}</option>
                <option value="auto">{tr("export.deviceAuto")}</option>
              </select>
            </div>
            <div>
              <label htmlFor="export-bits" className={labelClass}>{tr("export.gptq")}</label>
              <select id="export-bits" data-testid="export-bits" className={inputClass} value={bits} onChange={(e) => setBits(e.target.value as (typeof GPTQ_BITS)[number])} disabled={isAdapter}>
                {GPTQ_BITS.map((b) => (
                  <option key={b} value={b}>{b ? tr("export.gptqBits", { bits: b }) : tr("export.gptqNone")}</option>
                ))}
              </select>
            </div>
          </div>
          {isAdapter ? <p className="text-xs text-zinc-500">{tr("export.gptqAfterMerge")}</p> : null}
          {bits ? (
            <TextField
              id="export-calibration"
              label={tr("export.calibration")}
              value={calibration}
              onChange={(e) => setCalibration(e.target.value)}
              error={action.fieldErrors.export_quantization_dataset}
              help={tr("export.calibrationHelp")}
              required
              action={<PathPicker hostId={hostId} hostName={hostName} value={calibration} onPick={setCalibration} extensions={[".json", ".jsonl", ".txt"]} fieldLabel={tr("export.calibration")} testId="export-calibration-picker" />}
            />
          ) : null}
          <label className="flex items-center gap-2 text-sm text-zinc-700">
            <input type="checkbox" checked={legacy} onChange={(e) => setLegacy(e.target.checked)} data-testid="export-legacy" />
            {tr("export.legacy")}
          </label>
          {action.error ? <ApiErrorBox error={action.error} /> : null}
          <Button type="submit" disabled={action.pending} data-testid="export-submit">{tr("export.submit")}</Button>
        </form>
      </CardBody>
    </Card>
  );
}
