import type { NormalizedSample } from "../datasets/validate";
import { renderSamplePreview } from "../datasets/preview";

type ModelForPreview = { id: string; chatTemplate: string | null; metadata: unknown };

/** Special tokens templates commonly reference, from the model's tokenizer inspection. */
function tokensOf(metadata: unknown): { bos_token?: string; eos_token?: string } {
  const t = (metadata as { tokenizer?: { bosToken?: unknown; eosToken?: unknown } } | null)?.tokenizer;
  return {
    ...(typeof t?.bosToken === "string" ? { bos_token: t.bosToken } : {}),
    ...(typeof t?.eosToken === "string" ? { eos_token: t.eosToken } : {}),
  };
}

/** The stored sample rows, rendered through the model's own chat template when it has one. */
export function renderDatasetPreview(report: unknown, model: ModelForPreview | null) {
  const samples = ((report as { samples?: NormalizedSample[] } | null)?.samples ?? []).slice(0, 10);
  const template = model?.chatTemplate ?? null;
  return {
    modelId: model?.id ?? null,
    templateSource: template ? ("model" as const) : ("none" as const),
    samples: samples.map((sample) => {
      if (!template) return { sample, text: null, error: null };
      const r = renderSamplePreview(sample, template, tokensOf(model?.metadata));
      return "error" in r ? { sample, text: null, error: r.error } : { sample, text: r.text, error: null };
    }),
  };
}
