"use client";

import { useState, type ChangeEvent } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { inputClass, labelClass } from "@/components/ui/field";
import type { TrainArgs } from "@/lib/tools/llamafactory/train-args";
import { argsFromRecord, splitExtra, type ExtraValue } from "./form-state";

type Imported = { args: Record<string, unknown>; managed: Record<string, unknown>; extra: Record<string, unknown>; errors: string[]; notes?: string[] };
type Summary = { fields: number; managed: [string, unknown][]; errors: string[]; notes: string[]; dropped: string[] };

/**
 * Paste or pick an LF training YAML; the server reads it (the same reader the round-trip tests
 * pin down) and the form takes its args and extra keys. Paths and datasets stay Modelyard's.
 */
export function YamlImport({ onApply }: { onApply: (args: Partial<TrainArgs>, extra: Record<string, ExtraValue>) => void }) {
  const { tr } = useI18n();
  const [text, setText] = useState("");
  const [summary, setSummary] = useState<Summary | null>(null);
  const action = useApiAction<Imported>();

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) setText(await file.text());
  }

  async function onImport() {
    if (!text.trim()) {
      action.setError({ code: "invalid_input", message: tr("finetune.importEmpty") });
      return;
    }
    setSummary(null);
    const res = await action.run("/api/v1/finetune/import-yaml", { method: "POST", body: { yaml: text } });
    if (!res) return;
    const args = argsFromRecord(res.args);
    const { kept, dropped } = splitExtra(res.extra);
    // A file LF cannot read at all gives no args: the form keeps what it had.
    if (Object.keys(args).length) onApply(args, kept);
    setSummary({
      fields: Object.keys(args).length,
      managed: Object.entries(res.managed).filter(([k]) => k !== "template"),
      errors: res.errors,
      notes: res.notes ?? [],
      dropped,
    });
  }

  return (
    <details className="rounded-lg border border-zinc-200 bg-white shadow-xs" data-testid="ft-import">
      <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-zinc-900">{tr("finetune.import")}</summary>
      <div className="space-y-3 border-t border-zinc-100 px-4 py-3">
        <p className="text-xs text-zinc-500">{tr("finetune.importHelp")}</p>
        <div>
          <label htmlFor="ft-import-yaml" className={labelClass}>{tr("finetune.importText")}</label>
          <textarea id="ft-import-yaml" data-testid="ft-import-yaml" value={text} onChange={(e) => setText(e.target.value)} rows={8} spellCheck={false} className={`${inputClass} h-auto py-2 font-mono text-[12px]`} placeholder={"stage: sft\nfinetuning_type: lora\nlearning_rate: 1.0e-4\n…"} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-xs text-zinc-700">
            <span className="mr-2 font-medium">{tr("finetune.importFile")}</span>
            <input type="file" accept=".yaml,.yml,text/yaml" onChange={onFile} data-testid="ft-import-file" className="text-xs" />
          </label>
          <Button variant="secondary" size="sm" onClick={onImport} disabled={action.pending} data-testid="ft-import-submit">
            {action.pending ? tr("finetune.importing") : tr("finetune.importSubmit")}
          </Button>
        </div>
        {action.error ? <ApiErrorBox error={action.error} testId="ft-import-error" /> : null}
        {summary ? <ImportSummary summary={summary} /> : null}
      </div>
    </details>
  );
}

function ImportSummary({ summary }: { summary: Summary }) {
  const { tr } = useI18n();
  return (
    <div className="space-y-2 text-xs" data-testid="ft-import-summary" aria-live="polite">
      <p className="font-medium text-emerald-700">{tr("finetune.imported", { n: summary.fields })}</p>
      {summary.errors.length ? (
        <div className="rounded bg-red-50 px-2 py-1.5 text-red-800" data-testid="ft-import-errors">
          <p className="font-medium">{tr("finetune.importErrors")}</p>
          <ul className="list-disc pl-4">{summary.errors.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      ) : null}
      {summary.managed.length ? (
        <div className="rounded bg-sky-50 px-2 py-1.5 text-sky-900" data-testid="ft-import-managed">
          <p>{tr("finetune.importManaged")}</p>
          <ul className="mt-1 font-mono text-[11px]">{summary.managed.map(([k, v]) => <li key={k}>{k}: {JSON.stringify(v)}</li>)}</ul>
        </div>
      ) : null}
      {summary.notes.length ? <ul className="list-disc pl-4 text-zinc-600">{summary.notes.map((n) => <li key={n}>{n}</li>)}</ul> : null}
      {summary.dropped.length ? <p className="text-amber-800" data-testid="ft-import-dropped">{tr("finetune.importDropped", { keys: summary.dropped.join(", ") })}</p> : null}
    </div>
  );
}
