import { z } from "zod";
import { CreateTokenInputSchema } from "../auth/token-input";
import { CreateJobInputSchema } from "../jobs/create-job";
import { LogBurstPayloadSchema, ModelImportPayloadSchema } from "../jobs/kinds";
import { ListJobsQuerySchema } from "../jobs/queries";
import { ConvertModelInputSchema, EvaluateModelInputSchema, QuantizeModelInputSchema } from "../models/convert-input";
import { ImportModelInputSchema } from "../models/import-input";
import { ListModelsQuerySchema } from "../models/queries";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", io: "input", unrepresentable: "any" });

const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional(), details: z.unknown().optional() }) });

function queryParams(s: z.ZodObject) {
  return Object.entries(s.shape).map(([name, field]) => ({ name, in: "query", required: false, schema: schema(field as z.ZodType) }));
}

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const errors = {
  "400": { description: "Invalid input", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  "401": { description: "Not authenticated", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  "404": { description: "Unknown id", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
};
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const body = (ref: string) => ({ required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });

/** OpenAPI 3.1 generated from the same zod schemas the routes parse with. */
export function buildOpenApi() {
  return {
    openapi: "3.1.0",
    info: { title: "Modelyard API", version: "1", description: "Jobs, hosts and models. Authenticate with `Authorization: Bearer <personal token>`." },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: schema(ErrorSchema),
        CreateJobInput: schema(CreateJobInputSchema),
        ModelImportPayload: schema(ModelImportPayloadSchema),
        LogBurstPayload: schema(LogBurstPayloadSchema),
        ImportModelInput: schema(ImportModelInputSchema),
        CreateTokenInput: schema(CreateTokenInputSchema),
        ConvertModelInput: schema(ConvertModelInputSchema),
        QuantizeModelInput: schema(QuantizeModelInputSchema),
        EvaluateModelInput: schema(EvaluateModelInputSchema),
      },
    },
    paths: {
      "/jobs": {
        get: { summary: "List jobs (newest first, keyset paginated)", parameters: queryParams(ListJobsQuerySchema), responses: { "200": ok("A page of jobs and nextCursor"), ...errors } },
        post: { summary: "Create a job of any kind", requestBody: body("CreateJobInput"), responses: { "200": ok("The queued job"), ...errors } },
      },
      "/jobs/{id}": { get: { summary: "One job", parameters: [idParam], responses: { "200": ok("The job"), ...errors } } },
      "/jobs/{id}/cancel": { post: { summary: "Cancel a queued or running job", parameters: [idParam], responses: { "200": ok("CANCELLED or CANCELLING"), "409": errors["400"], ...errors } } },
      "/jobs/{id}/events": {
        get: {
          summary: "Server-sent events: log, progress, status; resumes after Last-Event-ID",
          parameters: [idParam, { name: "after", in: "query", required: false, schema: { type: "integer" } }, { name: "Last-Event-ID", in: "header", required: false, schema: { type: "integer" } }],
          responses: { "200": { description: "text/event-stream", content: { "text/event-stream": { schema: { type: "string" } } } }, ...errors },
        },
      },
      "/hosts": { get: { summary: "Hosts with inventory and online state", responses: { "200": ok("Hosts"), ...errors } } },
      "/hosts/{id}": { get: { summary: "One host", parameters: [idParam], responses: { "200": ok("The host"), ...errors } } },
      "/models": { get: { summary: "Registered models", parameters: queryParams(ListModelsQuerySchema), responses: { "200": ok("Models"), ...errors } } },
      "/models/import": { post: { summary: "Register a model that sits on a host (queues a model.import job)", requestBody: body("ImportModelInput"), responses: { "200": ok("The queued job"), ...errors } } },
      "/models/{id}": { get: { summary: "One model with metadata and lineage", parameters: [idParam], responses: { "200": ok("The model"), ...errors } } },
      "/models/{id}/convert": {
        post: {
          summary: "Convert a Hugging Face model to GGUF (queues model.convert); optional quantize types, importance matrix and perplexity evaluation run as child jobs",
          parameters: [idParam],
          requestBody: body("ConvertModelInput"),
          responses: { "200": ok("The queued convert job and the plan (converter outtype, quantize types, notes)"), ...errors },
        },
      },
      "/models/{id}/quantize": {
        post: { summary: "Quantize a GGUF to one or more llama.cpp types (one model.quantize job each)", parameters: [idParam], requestBody: body("QuantizeModelInput"), responses: { "200": ok("The queued jobs"), ...errors } },
      },
      "/models/{id}/evaluate": {
        post: { summary: "Measure a GGUF's perplexity on a held-out text on its host (queues model.evaluate)", parameters: [idParam], requestBody: body("EvaluateModelInput"), responses: { "200": ok("The queued job"), ...errors } },
      },
      "/models/{id}/quant-report": {
        get: { summary: "Size, bits per weight and perplexity of every GGUF in the model's lineage family, with the F16/BF16 baseline", parameters: [idParam], responses: { "200": ok("rootId, baselineId, rows[]"), ...errors } },
      },
      "/tokens": {
        get: { summary: "Your personal API tokens", responses: { "200": ok("Tokens (no secrets)"), ...errors } },
        post: { summary: "Create a personal API token (secret shown once)", requestBody: body("CreateTokenInput"), responses: { "200": ok("Token with secret"), ...errors } },
      },
      "/tokens/{id}": { delete: { summary: "Revoke a token", parameters: [idParam], responses: { "200": ok("Revoked"), ...errors } } },
      "/worker-tokens": { post: { summary: "Create a worker token (admins)", requestBody: body("CreateTokenInput"), responses: { "200": ok("Token with secret"), "403": errors["401"], ...errors } } },
    },
  };
}
