"use client";

import Link from "next/link";
import { useState } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { labelClass, selectClass } from "@/components/ui/field";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/Table";
import type { PreviewModel } from "./TemplatePreview";

type Dist = { min: number; p50: number; mean: number; p95: number; max: number };
export type TokenRecord = { modelId: string; modelName: string; promptTokens: Dist; totalTokens: Dist; cutoffLen: number; overCutoff: number; rows: number; totalTokensSum: number };

/**
 * Token lengths per model (counted on the host by a dataset.tokens job with the model's own
 * tokenizer and chat template) and a button to count with another model or cutoff_len.
 */
export function TokenStats({ datasetId, models, records }: { datasetId: string; models: PreviewModel[]; records: TokenRecord[] }) {
  const { tr } = useI18n();
  const [modelId, setModelId] = useState(models[0]?.id ?? "");
  const [cutoff, setCutoff] = useState("2048");
  const [jobId, setJobId] = useState<string | null>(null);
  const count = useApiAction<{ job: { id: string } }>({ onSuccess: (r) => setJobId(r.job.id) });
  return (
    <div className="space-y-3" data-testid="token-stats">
      {records.length === 0 ? <p className="text-sm text-zinc-500">{tr("tokens.none")}</p> : null}
      {records.map((r) => (
        <div key={r.modelId} className="space-y-1">
          <h3 className="text-sm font-medium text-zinc-800">{tr("tokens.with", { model: r.modelName })}</h3>
          <Table>
            <THead>
              <Tr><Th /><Th>min</Th><Th>p50</Th><Th>mean</Th><Th>p95</Th><Th>max</Th></Tr>
            </THead>
            <TBody>
              {([["tokens.prompt", r.promptTokens], ["tokens.total", r.totalTokens]] as const).map(([label, d]) => (
                <Tr key={label}>
                  <Td>{tr(label)}</Td>
                  {[d.min, d.p50, d.mean, d.p95, d.max].map((v, i) => <Td key={i} className="tabular-nums">{v}</Td>)}
                </Tr>
              ))}
            </TBody>
          </Table>
          <p className="text-xs text-zinc-600">
            {tr("tokens.sum", { sum: r.totalTokensSum, rows: r.rows })} · {tr("tokens.over", { n: r.overCutoff, rows: r.rows, cutoff: r.cutoffLen })}
          </p>
        </div>
      ))}
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void count.run(`/api/v1/datasets/${encodeURIComponent(datasetId)}/tokens`, { method: "POST", body: { modelId, cutoffLen: Number(cutoff) } });
        }}
      >
        <div>
          <label htmlFor="tokens-model" className={labelClass}>{tr("datasetPreview.model")}</label>
          <select id="tokens-model" className={selectClass} value={modelId} onChange={(e) => setModelId(e.target.value)} data-testid="tokens-model">
            {models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="tokens-cutoff" className={labelClass}>{tr("tokens.cutoff")}</label>
          <input id="tokens-cutoff" type="number" min={4} max={131072} className={selectClass} value={cutoff} onChange={(e) => setCutoff(e.target.value)} />
        </div>
        <Button type="submit" disabled={!modelId || count.pending} data-testid="tokens-count">{tr("tokens.count")}</Button>
        {jobId ? (
          <span className="text-sm text-zinc-600" data-testid="tokens-queued">
            {tr("tokens.queued")} <Link className="text-accent-700 hover:underline" href={`/jobs/${jobId}`}>{tr("tokens.openJob")}</Link>
          </span>
        ) : null}
      </form>
      {count.error ? <ApiErrorBox error={count.error} /> : null}
    </div>
  );
}
