import { z } from "zod";
import { DatasetInfoEntrySchema } from "../../datasets/dataset-info";
import { IdSchema } from "../../schemas/text";
import { NO_RESOURCES } from "../resources";
import { ArtifactNameSchema, HostPathSchema, documentRules } from "./fields";
import type { JobKindSpec, Prepared } from "./kind";

/** A name as it appears in a dataset_info.json (LLaMA-Factory looks datasets up by it). */
export const DatasetInfoNameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "Dataset names in dataset_info.json use letters, digits, _ . and -");

/** The file name an upload arrives with: a plain name ending in .json or .jsonl, no folders. */
export const UploadFileNameSchema = z
  .string()
  .regex(/^[^/\\\u0000-\u001f]{1,200}\.(json|jsonl|JSON|JSONL)$/, "Upload a .json or .jsonl file (a plain file name, no folders)");

/**
 * dataset.import: validate a JSON/JSONL dataset on a host (a path, a dataset_info.json with its
 * entries, or a browser upload the worker first writes into a storage root) and register it.
 */
export const DatasetImportPayloadSchema = z
  .object({
    path: HostPathSchema.optional(),
    uploadId: IdSchema.optional(),
    fileName: UploadFileNameSchema.optional(),
    name: ArtifactNameSchema.optional(),
    /** How LLaMA-Factory should read the file; detected from the rows when absent. */
    entry: DatasetInfoEntrySchema.omit({ file_name: true }).optional(),
    /** With a dataset_info.json: which of its datasets to register (every local one when absent). */
    names: z.array(DatasetInfoNameSchema).min(1).max(200).optional(),
  })
  .refine((p) => !!p.path !== !!p.uploadId, { message: "Give either path or uploadId", path: ["path"] })
  .meta(documentRules({ oneOf: [{ required: ["path"], not: { required: ["uploadId"] } }, { required: ["uploadId"], not: { required: ["path"] } }] }));
export type DatasetImportPayload = z.infer<typeof DatasetImportPayloadSchema>;

/** POST /api/v1/datasets/import: register a file (or a dataset_info.json's files) already on a host. */
export const ImportDatasetInputSchema = z
  .object({
    hostId: IdSchema,
    path: HostPathSchema,
    name: ArtifactNameSchema.optional(),
    entry: DatasetInfoEntrySchema.omit({ file_name: true }).optional(),
    names: z.array(DatasetInfoNameSchema).min(1).max(200).optional(),
  })
  .meta({ id: "ImportDatasetInput" });
export type ImportDatasetInput = z.infer<typeof ImportDatasetInputSchema>;

export function prepareDatasetImport(input: ImportDatasetInput): Prepared<DatasetImportPayload> {
  const { hostId, ...payload } = input;
  return { hostId, payloads: [payload] };
}

export const datasetImport = {
  name: "dataset.import",
  queue: "host-io",
  payload: DatasetImportPayloadSchema,
  input: ImportDatasetInputSchema,
  prepare: prepareDatasetImport,
  title: (p) => ({ key: "jobTitle.dataset.import", params: { name: p.name ?? p.fileName ?? p.path ?? "dataset" } }),
  resources: () => NO_RESOURCES,
} as const satisfies JobKindSpec<typeof DatasetImportPayloadSchema>;
