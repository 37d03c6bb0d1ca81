import { z } from "zod";
import { ChangePasswordInputSchema } from "../auth/password-input";
import { CreateTokenInputSchema } from "../auth/token-input";
import { BrowseListingSchema } from "../hosts/browse-protocol";
import type { CreateJobInput } from "../jobs/create-job";
import { JOB_KINDS, JOB_KIND_NAMES } from "../jobs/kinds";
import { HostPathSchema } from "../jobs/kinds/fields";
import { modelConvert } from "../jobs/kinds/model-convert";
import { modelEvaluate } from "../jobs/kinds/model-evaluate";
import { modelImport } from "../jobs/kinds/model-import";
import { modelQuantize } from "../jobs/kinds/model-quantize";
import { datasetImport, UploadFileNameSchema } from "../jobs/kinds/dataset-import";
import { datasetTokens } from "../jobs/kinds/dataset-tokens";
import { modelExport } from "../jobs/kinds/model-export";
import { FinetuneInputSchema, modelFinetune } from "../jobs/kinds/model-finetune";
import { ListJobsQuerySchema } from "../jobs/queries";
import { ListDatasetsQuerySchema } from "../dataset-records/queries";
import { ArtifactNameSchema } from "../jobs/kinds/fields";
import { MAX_UPLOAD_BYTES } from "../uploads/store-upload";
import { ListModelsQuerySchema } from "../models/queries";
import { IdSchema, integerText, lengthBetween } from "../schemas/text";
import { defineOperation, type Operation } from "./operation";
import * as R from "./responses";
import * as T from "./responses-training";

export { IdSchema };
const IdParams = z.object({ id: IdSchema });

/** The largest event seq a job can have (a 32-bit column). */
export const MAX_EVENT_SEQ = 2_147_483_647;
const EventSeq = integerText(0, MAX_EVENT_SEQ);

/** POST /jobs: one variant per job kind, so the document states each kind's payload. */
export const CreateJobBodySchema = z
  .discriminatedUnion(
    "kind",
    JOB_KIND_NAMES.map((kind) =>
      z.object({
        kind: z.literal(kind),
        hostId: IdSchema,
        payload: JOB_KINDS[kind].payload,
        parentJobId: IdSchema.optional(),
      }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
    { error: (issue) => (issue.code === "invalid_union" ? `Unknown job kind; use one of: ${JOB_KIND_NAMES.join(", ")}` : undefined) },
  )
  .meta({ id: "CreateJobInput" }) as unknown as z.ZodType<CreateJobInput>;

// A kind-specific route's body is its kind's `input`, and POST /jobs takes every kind's payload:
// the document is generated from the kind registry and this table, so neither can drift.
export const operations = {
  listJobs: defineOperation({
    id: "listJobs", method: "GET", path: "/jobs", tag: "jobs", access: "user",
    summary: "List jobs (newest first, keyset paginated)",
    query: ListJobsQuerySchema, response: R.JobPageSchema, errors: [],
  }),
  createJob: defineOperation({
    id: "createJob", method: "POST", path: "/jobs", tag: "jobs", access: "user",
    summary: "Create a job of any kind",
    body: CreateJobBodySchema, response: R.JobSchema, errors: [404, 413, 415],
  }),
  getJob: defineOperation({
    id: "getJob", method: "GET", path: "/jobs/{id}", tag: "jobs", access: "user",
    summary: "One job", params: IdParams, response: R.JobDetailSchema, errors: [404],
  }),
  cancelJob: defineOperation({
    id: "cancelJob", method: "POST", path: "/jobs/{id}/cancel", tag: "jobs", access: "user",
    summary: "Cancel a queued or running job", params: IdParams, response: R.CancelAnswerSchema, errors: [404, 409],
  }),
  jobEvents: defineOperation({
    id: "jobEvents", method: "GET", path: "/jobs/{id}/events", tag: "jobs", access: "user",
    summary: "Server-sent events: log, progress, status; resumes after Last-Event-ID",
    params: IdParams,
    query: z.object({ after: EventSeq.optional().meta({ description: "Replay events after this seq" }) }),
    headers: z.object({ "last-event-id": EventSeq.optional().meta({ description: "Set by EventSource on reconnect; wins over `after`" }) }),
    response: "sse", events: R.JobEventSchema, errors: [404],
  }),
  listHosts: defineOperation({
    id: "listHosts", method: "GET", path: "/hosts", tag: "hosts", access: "user",
    summary: "Hosts with inventory and online state", response: z.array(R.HostSchema), errors: [],
  }),
  getHost: defineOperation({
    id: "getHost", method: "GET", path: "/hosts/{id}", tag: "hosts", access: "user",
    summary: "One host", params: IdParams, response: R.HostSchema, errors: [404],
  }),
  browseHost: defineOperation({
    id: "browseHost", method: "GET", path: "/hosts/{id}/browse", tag: "hosts", access: "user",
    summary: "List a folder inside the host's storage roots (or the roots, without path), as the host's worker sees it; 409 host_unreachable when its worker does not answer",
    params: IdParams,
    query: z.object({ path: HostPathSchema.optional().meta({ description: "Absolute folder path on the host; omit for the storage roots" }) }),
    response: BrowseListingSchema, errors: [404, 409, 422, 503],
  }),
  listModels: defineOperation({
    id: "listModels", method: "GET", path: "/models", tag: "models", access: "user",
    summary: "Registered models", query: ListModelsQuerySchema, response: z.array(R.ModelListItemSchema), errors: [],
  }),
  importModel: defineOperation({
    id: "importModel", method: "POST", path: "/models/import", tag: "models", access: "user",
    summary: "Register a model that sits on a host (queues a model.import job)",
    body: modelImport.input, response: R.JobSchema, errors: [404, 413, 415],
  }),
  getModel: defineOperation({
    id: "getModel", method: "GET", path: "/models/{id}", tag: "models", access: "user",
    summary: "One model with metadata and lineage", params: IdParams, response: R.ModelDetailSchema, errors: [404],
  }),
  convertModel: defineOperation({
    id: "convertModel", method: "POST", path: "/models/{id}/convert", tag: "models", access: "user",
    summary: "Convert a Hugging Face model to GGUF (queues model.convert); optional quantize types, importance matrix and perplexity evaluation run as child jobs",
    params: IdParams, body: modelConvert.input, response: R.ConvertAnswerSchema, errors: [404, 409, 413, 415],
  }),
  quantizeModel: defineOperation({
    id: "quantizeModel", method: "POST", path: "/models/{id}/quantize", tag: "models", access: "user",
    summary: "Quantize a GGUF to one or more llama.cpp types (one model.quantize job each)",
    params: IdParams, body: modelQuantize.input, response: R.QueuedJobsSchema, errors: [404, 409, 413, 415],
  }),
  evaluateModel: defineOperation({
    id: "evaluateModel", method: "POST", path: "/models/{id}/evaluate", tag: "models", access: "user",
    summary: "Measure a GGUF's perplexity on a held-out text on its host (queues model.evaluate)",
    params: IdParams, body: modelEvaluate.input, response: R.QueuedJobSchema, errors: [404, 409, 413, 415],
  }),
  quantReport: defineOperation({
    id: "quantReport", method: "GET", path: "/models/{id}/quant-report", tag: "models", access: "user",
    summary: "Size, bits per weight and perplexity of every GGUF in the model's lineage family, with the F16/BF16 baseline",
    params: IdParams, response: R.QuantReportSchema, errors: [404],
  }),
  listDatasets: defineOperation({
    id: "listDatasets", method: "GET", path: "/datasets", tag: "datasets", access: "user",
    summary: "Registered fine-tuning datasets", query: ListDatasetsQuerySchema, response: z.array(T.DatasetListItemSchema), errors: [],
  }),
  getDataset: defineOperation({
    id: "getDataset", method: "GET", path: "/datasets/{id}", tag: "datasets", access: "user",
    summary: "One dataset with its validation report (row errors, statistics, sample rows) and the runs that used it",
    params: IdParams, response: T.DatasetDetailSchema, errors: [404],
  }),
  importDataset: defineOperation({
    id: "importDataset", method: "POST", path: "/datasets/import", tag: "datasets", access: "user",
    summary: "Register a JSON/JSONL dataset (or a LLaMA-Factory dataset_info.json and its files) already on a host (queues dataset.import)",
    body: datasetImport.input, response: R.QueuedJobSchema, errors: [404, 413, 415],
  }),
  uploadDataset: defineOperation({
    id: "uploadDataset", method: "POST", path: "/datasets/upload", tag: "datasets", access: "user",
    summary: "Upload a JSON/JSONL dataset to a host's first storage root, then validate and register it (queues dataset.import)",
    query: z.object({ hostId: IdSchema, fileName: UploadFileNameSchema, name: ArtifactNameSchema.optional() }),
    upload: { maxBytes: MAX_UPLOAD_BYTES, description: "The file's bytes (JSON array of rows, or JSON Lines)" },
    response: R.QueuedJobSchema, errors: [404, 413, 415],
  }),
  previewDataset: defineOperation({
    id: "previewDataset", method: "GET", path: "/datasets/{id}/preview", tag: "datasets", access: "user",
    summary: "Sample rows rendered through a model's chat template, as the model will see them",
    params: IdParams, query: z.object({ modelId: IdSchema.optional() }), response: T.DatasetPreviewSchema, errors: [404],
  }),
  countDatasetTokens: defineOperation({
    id: "countDatasetTokens", method: "POST", path: "/datasets/{id}/tokens", tag: "datasets", access: "user",
    summary: "Count the dataset's token lengths with a model's tokenizer and chat template (queues dataset.tokens; the result is stored in the report)",
    params: IdParams, body: datasetTokens.input, response: R.QueuedJobSchema, errors: [404, 409, 413, 415],
  }),
  finetuneModel: defineOperation({
    id: "finetuneModel", method: "POST", path: "/models/{id}/finetune", tag: "finetune", access: "user",
    summary: "Fine-tune a Hugging Face model with LLaMA-Factory on registered datasets (queues model.finetune)",
    params: IdParams, body: modelFinetune.input, response: R.QueuedJobSchema, errors: [404, 409, 413, 415],
  }),
  checkFinetune: defineOperation({
    id: "checkFinetune", method: "POST", path: "/models/{id}/finetune/check", tag: "finetune", access: "user",
    summary: "Check a fine-tune without queueing it: refusals, warnings, the generated YAML and DeepSpeed config, and the GPU memory estimate",
    params: IdParams, body: FinetuneInputSchema, response: T.FinetuneCheckSchema, errors: [404, 409, 413, 415],
  }),
  importTrainYaml: defineOperation({
    id: "importTrainYaml", method: "POST", path: "/finetune/import-yaml", tag: "finetune", access: "user",
    summary: "Read a LLaMA-Factory training YAML into the form's fields; keys the form does not show are kept as extra keys",
    // 64k characters: a training YAML is a few kB, and even escaped as \uXXXX pairs this fits the 1 MB body limit.
    body: z.object({ yaml: lengthBetween(z.string(), 0, 64_000, "A training YAML is at most 64,000 characters") }).meta({ id: "ImportTrainYamlInput" }),
    response: T.ImportedTrainYamlSchema, errors: [413, 415],
  }),
  runMetrics: defineOperation({
    id: "runMetrics", method: "GET", path: "/jobs/{id}/training", tag: "finetune", access: "user",
    summary: "A fine-tune run's attempts and training curve (loss, eval loss, learning rate, throughput) from trainer_log.jsonl",
    params: IdParams, response: T.RunMetricsSchema, errors: [404, 409],
  }),
  resumeRun: defineOperation({
    id: "resumeRun", method: "POST", path: "/jobs/{id}/resume", tag: "finetune", access: "user",
    summary: "Resume a cancelled or failed fine-tune from its newest checkpoint as a new attempt of the same run",
    params: IdParams, response: R.QueuedJobSchema, errors: [404, 409],
  }),
  exportModel: defineOperation({
    id: "exportModel", method: "POST", path: "/models/{id}/export", tag: "finetune", access: "user",
    summary: "Merge a LoRA adapter into its base (or re-save a trained model), optionally GPTQ-quantized (queues model.export)",
    params: IdParams, body: modelExport.input, response: R.QueuedJobSchema, errors: [404, 409, 413, 415],
  }),
  listTokens: defineOperation({
    id: "listTokens", method: "GET", path: "/tokens", tag: "tokens", access: "user",
    summary: "Your personal API tokens", response: z.array(R.TokenSchema), errors: [],
  }),
  createToken: defineOperation({
    id: "createToken", method: "POST", path: "/tokens", tag: "tokens", access: "user",
    summary: "Create a personal API token (secret shown once)", body: CreateTokenInputSchema, response: R.CreatedTokenSchema, errors: [413, 415],
  }),
  revokeToken: defineOperation({
    id: "revokeToken", method: "DELETE", path: "/tokens/{id}", tag: "tokens", access: "user",
    summary: "Revoke one of your tokens", params: IdParams, response: R.RevokedSchema, errors: [404],
  }),
  createWorkerToken: defineOperation({
    id: "createWorkerToken", method: "POST", path: "/worker-tokens", tag: "tokens", access: "admin",
    summary: "Create a worker token (admins)", body: CreateTokenInputSchema, response: R.CreatedTokenSchema, errors: [413, 415],
  }),
  changePassword: defineOperation({
    id: "changePassword", method: "POST", path: "/me/password", tag: "account", access: "user",
    summary: "Change your password; every session of yours is signed out and this browser gets a fresh one",
    // The shape without its "new differs from current" refine: JSON Schema cannot compare two
    // fields, so the route answers that case with 409 instead of an undocumentable 400.
    body: z.object(ChangePasswordInputSchema.shape).meta({ id: "ChangePasswordInput" }),
    response: z.object({ ok: z.literal(true) }).meta({ id: "Ok" }),
    errors: [409, 413, 415],
  }),
  openApi: defineOperation({
    id: "openApi", method: "GET", path: "/openapi.json", tag: "meta", access: "public",
    summary: "This document", response: z.object({}).loose(), errors: [],
  }),
} satisfies Record<string, Operation>;

export const OPERATIONS: readonly Operation[] = Object.values(operations);
