"use client";

import { useEffect, useState } from "react";
import { toApiErrorBody } from "@/components/api/explain-api-error";
import { apiFetch, type ApiErrorBody } from "@/components/api/fetch-json";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { labelClass, selectClass } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/Skeleton";

export type PreviewModel = { id: string; name: string; kind: string };

type Preview = { modelId: string | null; templateSource: "model" | "none"; samples: { text: string | null; error: string | null }[] };

type State = { status: "idle" } | { status: "loading" } | { status: "error"; error: ApiErrorBody } | { status: "done"; preview: Preview };

/**
 * The sample rows rendered through a model's chat template (GET /api/v1/datasets/{id}/preview),
 * as the model will see them in training. Models come from the dataset's host.
 */
export function TemplatePreview({ datasetId, models }: { datasetId: string; models: PreviewModel[] }) {
  const { tr } = useI18n();
  const [modelId, setModelId] = useState(models[0]?.id ?? "");
  const [state, setState] = useState<State>({ status: "idle" });

  useEffect(() => {
    if (!modelId) return;
    // Answers can arrive out of order when the model is changed quickly; only the latest counts.
    let current = true;
    setState({ status: "loading" });
    const messages = { network: tr("error.network"), unexpected: (status: number) => tr("error.unexpected", { status }) };
    apiFetch<Preview>(`/api/v1/datasets/${datasetId}/preview?modelId=${encodeURIComponent(modelId)}`, {}, messages).then(
      (preview) => current && setState({ status: "done", preview }),
      (err: unknown) => current && setState({ status: "error", error: toApiErrorBody(err) }),
    );
    return () => {
      current = false;
    };
  }, [datasetId, modelId, tr]);

  if (models.length === 0) return <p className="text-sm text-zinc-500" data-testid="template-preview-no-models">{tr("datasetPreview.noModels")}</p>;

  return (
    <div className="space-y-3" data-testid="template-preview">
      <div>
        <label htmlFor="preview-model" className={labelClass}>{tr("datasetPreview.model")}</label>
        <select id="preview-model" value={modelId} onChange={(e) => setModelId(e.target.value)} className={selectClass} data-testid="preview-model">
          {models.map((m) => (
            <option key={m.id} value={m.id}>{m.name}{m.kind === "LORA_ADAPTER" ? ` (${tr("datasetPreview.adapter")})` : ""}</option>
          ))}
        </select>
      </div>
      <div aria-live="polite" aria-busy={state.status === "loading"}>
        {state.status === "loading" ? <Skeleton className="h-32" /> : null}
        {state.status === "error" ? <ApiErrorBox error={state.error} testId="preview-error" /> : null}
        {state.status === "done" ? <PreviewSamples preview={state.preview} /> : null}
      </div>
    </div>
  );
}

function PreviewSamples({ preview }: { preview: Preview }) {
  const { tr } = useI18n();
  if (preview.templateSource === "none") return <p className="text-sm text-zinc-500" data-testid="preview-no-template">{tr("datasetPreview.noTemplate")}</p>;
  if (preview.samples.length === 0) return <p className="text-sm text-zinc-500">{tr("datasetSample.none")}</p>;
  return (
    <ol className="space-y-3">
      {preview.samples.map((s, i) => (
        <li key={i}>
          <div className="mb-1 text-[11px] font-medium text-zinc-500">{tr("datasetPreview.sample", { n: i + 1 })}</div>
          {s.error ? (
            <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800" role="alert" data-testid="preview-sample-error">{s.error}</p>
          ) : (
            <pre className="max-h-72 overflow-auto whitespace-pre-wrap break-words rounded-md border border-zinc-200 bg-zinc-50 p-3 text-xs leading-relaxed text-zinc-800" data-testid="preview-sample">{s.text}</pre>
          )}
        </li>
      ))}
    </ol>
  );
}
