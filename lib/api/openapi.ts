import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { COMMON_ERRORS, type Operation } from "./operation";
import { OPERATIONS } from "./operations";
import { ErrorBodySchema } from "./responses";

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input: the message and `details` name each field and what to fix",
  401: "Not authenticated: no session cookie or bearer token, or it expired or was revoked",
  403: "Refused: a cross-site cookie request, or a role that may not do this",
  404: "Unknown id",
  409: "Well-formed, but conflicts with the current state: a finished job, a model of the wrong kind or precision, unconfirmed custom code, an unchanged password",
  413: "Body larger than the limit: 1 MB for JSON, the stated maximum for uploads",
  415: "Body is not application/json (application/octet-stream for uploads)",
  429: "Too many requests; retry after the Retry-After seconds",
};

function errorResponses(op: Operation) {
  const statuses = op.access === "public" ? [400, ...op.errors] : [...COMMON_ERRORS, ...op.errors];
  return Object.fromEntries(
    [...new Set(statuses)].sort().map((s) => [String(s), { description: ERROR_TEXT[s] ?? "Error", content: { "application/json": { schema: ErrorBodySchema } } }]),
  );
}

function toOperationObject(op: Operation): ZodOpenApiOperationObject {
  const ok =
    op.response === "sse"
      ? { description: "text/event-stream: `id:` is the event seq; events log, progress, status, metric, end", content: { "text/event-stream": { schema: op.events ?? z.string() } } }
      : { description: "OK", content: { "application/json": { schema: op.response } } };
  return {
    operationId: op.id,
    summary: op.summary,
    tags: [op.tag],
    ...(op.access === "public" ? { security: [] } : {}),
    requestParams: Object.fromEntries(Object.entries({ path: op.params, query: op.query, header: op.headers }).filter(([, v]) => v)),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: op.body } } } } : {}),
    ...(op.upload
      ? { requestBody: { required: true, description: op.upload.description, content: { "application/octet-stream": { schema: z.string().meta({ format: "binary", minLength: 1, maxLength: op.upload.maxBytes }) } } } }
      : {}),
    responses: { "200": ok, ...errorResponses(op) },
  };
}

/**
 * The handler refuses a NUL byte in any string it keeps (PostgreSQL text cannot hold one); say so
 * on every request string that has no pattern of its own. Patterns of their own exclude NUL.
 */
function statesNulRefusal({ jsonSchema, io }: { jsonSchema: Record<string, unknown>; io: "input" | "output" }) {
  if (io !== "input" || jsonSchema.type !== "string") return;
  if (jsonSchema.pattern !== undefined || jsonSchema.enum !== undefined || jsonSchema.const !== undefined || jsonSchema.format !== undefined) return;
  jsonSchema.pattern = "^[^\\u0000]*$";
}

let cached: ReturnType<typeof createDocument> | undefined;

/** OpenAPI 3.1, generated from the operation table: the same zod schemas the routes parse with and answer through. */
export function buildOpenApi() {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const op of OPERATIONS) {
    paths[op.path] = { ...paths[op.path], [op.method.toLowerCase()]: toOperationObject(op) };
  }
  cached = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Modelyard API",
      version: "1",
      description: "Jobs, hosts, models and tokens. Authenticate with `Authorization: Bearer <personal token>` (Settings → API tokens).",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths,
  }, { override: statesNulRefusal as never });
  return cached;
}
