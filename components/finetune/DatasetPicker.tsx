"use client";

import Link from "next/link";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Badge, type BadgeTone } from "@/components/ui/Badge";
import { buttonClass } from "@/components/ui/Button";
import { cn } from "@/components/ui/cn";
import { FieldError } from "@/components/ui/FieldError";

export type FinetuneDatasetOption = { id: string; name: string; purpose: string; rows: number; validRows: number; errorCount: number };

const PURPOSE_TONE: Record<string, BadgeTone> = { sft: "blue", preference: "violet", kto: "amber", pretrain: "gray" };
const PURPOSES = ["sft", "preference", "kto", "pretrain"] as const;

/** A checkbox list of the host's datasets with purpose and row counts; unusable ones are disabled. */
export function DatasetList({ id, datasets, selected, onChange, error }: { id: string; datasets: FinetuneDatasetOption[]; selected: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const { tr } = useI18n();
  const toggle = (dsId: string) => onChange(selected.includes(dsId) ? selected.filter((x) => x !== dsId) : [...selected, dsId]);
  return (
    <>
      <ul tabIndex={-1} className={cn("max-h-72 divide-y divide-zinc-100 overflow-y-auto rounded-md border", error ? "border-red-300" : "border-zinc-200")} data-testid={id} aria-describedby={error ? `${id}-error` : undefined}>
        {datasets.map((d) => {
          const usable = d.validRows > 0;
          const checked = selected.includes(d.id);
          const purpose = (PURPOSES as readonly string[]).includes(d.purpose) ? tr(`finetune.purpose.${d.purpose as (typeof PURPOSES)[number]}`) : d.purpose;
          return (
            <li key={d.id}>
              <label className={cn("flex gap-3 px-3 py-2", usable ? "cursor-pointer hover:bg-zinc-50" : "cursor-not-allowed opacity-60", checked && "bg-accent-50/40")} data-testid={`${id}-${d.id}`}>
                <input type="checkbox" className="mt-1" checked={checked} disabled={!usable && !checked} onChange={() => toggle(d.id)} value={d.id} />
                <span className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="truncate text-sm font-medium text-zinc-900">{d.name}</span>
                  <Badge tone={PURPOSE_TONE[d.purpose] ?? "gray"}>{purpose}</Badge>
                  <span className="text-xs tabular-nums text-zinc-500">{tr("finetune.datasetRows", { rows: d.rows, valid: d.validRows })}</span>
                  {d.errorCount > 0 ? <span className="text-xs text-amber-700">{tr("finetune.datasetInvalid", { n: d.errorCount })}</span> : null}
                  {!usable ? <span className="text-xs font-medium text-red-700">{tr("finetune.datasetUnusable")}</span> : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <FieldError id={`${id}-error`} message={error} />
    </>
  );
}

type Props = {
  hostName: string;
  datasets: FinetuneDatasetOption[];
  datasetIds: string[];
  evalDatasetIds: string[];
  onDatasets: (ids: string[]) => void;
  onEvalDatasets: (ids: string[]) => void;
  errors: Partial<Record<string, string>>;
};

/** Training datasets, and the optional held-out ones; a link to register one when the host has none. */
export function DatasetPicker({ hostName, datasets, datasetIds, evalDatasetIds, onDatasets, onEvalDatasets, errors }: Props) {
  const { tr } = useI18n();
  if (datasets.length === 0) {
    return (
      <div className="rounded-md border border-dashed border-zinc-300 px-4 py-6 text-center" data-testid="ft-no-datasets">
        <p className="text-sm font-semibold text-zinc-900">{tr("finetune.noDatasets", { host: hostName })}</p>
        <p className="mt-1 text-sm text-zinc-500">{tr("finetune.noDatasetsBody")}</p>
        <Link href="/datasets/new" className={buttonClass("primary", "sm", "mt-3")}>{tr("finetune.registerDataset")}</Link>
        <FieldError id="ft-datasets-error" message={errors.dataset} />
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <fieldset>
        <legend className="mb-1 flex w-full items-baseline justify-between text-xs font-medium text-zinc-700">
          <span>{tr("finetune.datasets")} <code className="ml-1 font-mono text-[11px] font-normal text-zinc-400">dataset</code></span>
          <span className="font-normal text-zinc-500">{tr("finetune.selectedCount", { n: datasetIds.length })}</span>
        </legend>
        <p className="mb-2 text-xs text-zinc-500">{tr("finetune.datasetsHelp", { host: hostName })}</p>
        <DatasetList id="ft-datasets" datasets={datasets} selected={datasetIds} onChange={onDatasets} error={errors.dataset} />
      </fieldset>
      <details className="group" open={evalDatasetIds.length > 0 || undefined}>
        <summary className="cursor-pointer text-xs font-medium text-zinc-600 hover:text-zinc-900">
          {tr("finetune.evalDatasets")} <span className="font-normal text-zinc-400">({evalDatasetIds.length ? tr("finetune.selectedCount", { n: evalDatasetIds.length }) : tr("common.optional")})</span>
        </summary>
        <div className="mt-2">
          <p className="mb-2 text-xs text-zinc-500">{tr("finetune.evalDatasetsHelp")}</p>
          <DatasetList id="ft-eval-datasets" datasets={datasets} selected={evalDatasetIds} onChange={onEvalDatasets} error={errors.evalDataset} />
        </div>
      </details>
    </div>
  );
}
