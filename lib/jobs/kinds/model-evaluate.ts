import { z } from "zod";
import { IdSchema } from "../../schemas/text";
import { NO_RESOURCES } from "../resources";
import { ArtifactNameSchema, HostPathSchema } from "./fields";
import type { JobKindSpec, Prepared, SourceModel } from "./kind";
import { requireGguf } from "./refusals";

/** model.evaluate: llama-perplexity of a registered GGUF on a held-out text file on its host. */
export const ModelEvaluatePayloadSchema = z.object({
  /** A registered GGUF artifact on the job's host. */
  artifactId: IdSchema,
  textPath: HostPathSchema,
  contextSize: z.number().int().min(16).max(32_768).default(512),
  chunks: z.number().int().min(1).max(100_000).optional(),
  /** Marks this result as the family's unquantized reference in the quant report. */
  baseline: z.boolean().default(false),
  name: ArtifactNameSchema.optional(),
});
export type ModelEvaluatePayload = z.infer<typeof ModelEvaluatePayloadSchema>;

/** POST /api/v1/models/{id}/evaluate: perplexity of a GGUF on a held-out text. */
export const EvaluateModelInputSchema = z.object({
  textPath: HostPathSchema,
  contextSize: z.number().int().min(16).max(32_768).default(512),
  chunks: z.number().int().min(1).max(100_000).optional(),
  baseline: z.boolean().default(false),
});
export type EvaluateModelInput = z.infer<typeof EvaluateModelInputSchema>;

export type EvaluateContext = { model: SourceModel };

/** The refusal the route answers and the worker re-checks on the row it loads. */
export function checkEvaluateSource(model: SourceModel): void {
  requireGguf(model, "Perplexity is measured on GGUF files; convert the model first.");
}

/** Used by the evaluate route and by model.convert for its baseline child. */
export function prepareModelEvaluate(input: EvaluateModelInput, { model }: EvaluateContext): Prepared<ModelEvaluatePayload> {
  checkEvaluateSource(model);
  const { textPath, contextSize, chunks, baseline } = input;
  return { hostId: model.hostId, payloads: [{ artifactId: model.id, textPath, contextSize, chunks, baseline, name: model.name }] };
}

export const modelEvaluate = {
  name: "model.evaluate",
  queue: "convert",
  payload: ModelEvaluatePayloadSchema,
  input: EvaluateModelInputSchema,
  prepare: prepareModelEvaluate,
  title: (p) => ({ key: p.baseline ? "jobTitle.model.evaluateBaseline" : "jobTitle.model.evaluate", params: { name: p.name ?? "GGUF" } }),
  resources: () => NO_RESOURCES,
} as const satisfies JobKindSpec<typeof ModelEvaluatePayloadSchema>;
