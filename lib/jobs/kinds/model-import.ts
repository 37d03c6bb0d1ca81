import { z } from "zod";
import { IdSchema } from "../../schemas/text";
import { NO_RESOURCES } from "../resources";
import { ArtifactNameSchema, HostPathSchema } from "./fields";
import type { JobKindSpec, Prepared } from "./kind";

/** model.import: register a Hugging Face folder, LoRA adapter or GGUF file that sits on a host. */
export const ModelImportPayloadSchema = z.object({
  path: HostPathSchema,
  name: ArtifactNameSchema.optional(),
});
export type ModelImportPayload = z.infer<typeof ModelImportPayloadSchema>;

/** POST /api/v1/models/import. */
export const ImportModelInputSchema = z.object({
  hostId: IdSchema,
  ...ModelImportPayloadSchema.shape,
}).meta({ id: "ImportModelInput" });
export type ImportModelInput = z.infer<typeof ImportModelInputSchema>;

/** Nothing to check before the host reads the path: the worker resolves it inside its storage roots. */
export function prepareModelImport(input: ImportModelInput): Prepared<ModelImportPayload> {
  return { hostId: input.hostId, payloads: [{ path: input.path, name: input.name }] };
}

export const modelImport = {
  name: "model.import",
  queue: "host-io",
  payload: ModelImportPayloadSchema,
  input: ImportModelInputSchema,
  prepare: prepareModelImport,
  title: (p) => ({ key: "jobTitle.model.import", params: { name: p.name ?? p.path } }),
  resources: () => NO_RESOURCES,
} as const satisfies JobKindSpec<typeof ModelImportPayloadSchema>;
