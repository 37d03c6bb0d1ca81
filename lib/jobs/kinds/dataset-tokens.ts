import { z } from "zod";
import { AppError } from "../../errors";
import { IdSchema } from "../../schemas/text";
import { NO_RESOURCES } from "../resources";
import type { JobKindSpec, Prepared, SourceModel } from "./kind";

/** dataset.tokens: token lengths of a dataset's rows with a model's own tokenizer and chat template. */
export const DatasetTokensPayloadSchema = z.object({
  datasetId: IdSchema,
  modelId: IdSchema,
  /** Rows longer than this are counted as truncated (LLaMA-Factory's cutoff_len). */
  cutoffLen: z.number().int().min(4).max(131_072).default(2048),
});
export type DatasetTokensPayload = z.infer<typeof DatasetTokensPayloadSchema>;

/** POST /api/v1/datasets/{id}/tokens. */
export const CountTokensInputSchema = z
  .object({ modelId: IdSchema, cutoffLen: DatasetTokensPayloadSchema.shape.cutoffLen })
  .meta({ id: "CountTokensInput" });
export type CountTokensInput = z.infer<typeof CountTokensInputSchema>;

export type TokensContext = { dataset: { id: string; name: string; hostId: string }; model: SourceModel };

export function prepareDatasetTokens(input: CountTokensInput, { dataset, model }: TokensContext): Prepared<z.input<typeof DatasetTokensPayloadSchema>> {
  if (model.kind === "GGUF") throw new AppError(409, "no_tokenizer_folder", `${model.name} is a GGUF file`, "Count with the Hugging Face model (or adapter) the run will train.");
  if (model.hostId !== dataset.hostId) throw new AppError(409, "model_on_other_host", `${model.name} is on another host than ${dataset.name}`, "Pick a model on the dataset's host.");
  return { hostId: dataset.hostId, payloads: [{ datasetId: dataset.id, modelId: model.id, cutoffLen: input.cutoffLen }] };
}

export const datasetTokens = {
  name: "dataset.tokens",
  queue: "host-io",
  payload: DatasetTokensPayloadSchema,
  input: CountTokensInputSchema,
  prepare: prepareDatasetTokens,
  title: () => ({ key: "jobTitle.dataset.tokens", params: {} }),
  resources: () => NO_RESOURCES,
} as const satisfies JobKindSpec<typeof DatasetTokensPayloadSchema>;
