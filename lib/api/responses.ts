import { z } from "zod";
import { JOB_STATUSES } from "../jobs/status";

// Response bodies as the API sends them (after JSON encoding: dates are ISO strings, BigInt
// sizes are numbers). The handler parses every answer with these, so the document cannot drift
// from what is sent.

const DateTime = z.string().meta({ format: "date-time" });
const Json = z.unknown();
const ARTIFACT_KINDS = ["HF_MODEL", "GGUF", "LORA_ADAPTER"] as const;

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      hint: z.string().optional(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });

export const FailureSchema = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).loose();

/** Why a QUEUED job waits (no free GPU, ...) and the GPU indices its claim took, kept after it ends. */
const JobSlotFields = {
  waitReason: z.string().nullable(),
  gpuIndices: z.array(z.number().int()),
};

export const JobListItemSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    status: z.enum(JOB_STATUSES),
    progress: z.number().nullable(),
    progressLabel: z.string().nullable(),
    hostId: z.string(),
    createdAt: DateTime,
    startedAt: DateTime.nullable(),
    finishedAt: DateTime.nullable(),
    failure: Json,
    ...JobSlotFields,
    host: z.object({ name: z.string() }),
  })
  .meta({ id: "JobListItem" });

export const JobPageSchema = z.object({ items: z.array(JobListItemSchema), nextCursor: z.string().nullable() }).meta({ id: "JobPage" });

export const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    queue: z.string(),
    status: z.enum(JOB_STATUSES),
    hostId: z.string(),
    payload: Json,
    result: Json,
    title: z.string(),
    progress: z.number().nullable(),
    progressLabel: z.string().nullable(),
    claimedAt: DateTime.nullable(),
    heartbeatAt: DateTime.nullable(),
    cancelRequestedAt: DateTime.nullable(),
    enqueuedAt: DateTime.nullable(),
    startedAt: DateTime.nullable(),
    finishedAt: DateTime.nullable(),
    failure: Json,
    logTail: z.string().nullable(),
    deliveries: z.number().int(),
    ...JobSlotFields,
    gpusRequested: z.number().int(),
    shareGpus: z.boolean(),
    waitingSince: DateTime.nullable(),
    eventSeq: z.number().int(),
    parentJobId: z.string().nullable(),
    createdById: z.string().nullable(),
    createdAt: DateTime,
    updatedAt: DateTime,
  })
  .meta({ id: "Job" });

export const JobDetailSchema = JobSchema.extend({
  host: z.object({ id: z.string(), name: z.string() }),
  artifacts: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(ARTIFACT_KINDS) })),
  createdBy: z.object({ name: z.string(), email: z.string() }).nullable(),
}).meta({ id: "JobDetail" });

/** One server-sent event of a job's stream, as an SSE parser yields it. */
export const JobEventSchema = z
  .object({
    id: z.string().regex(/^[0-9]+$/).optional().meta({ description: "The event's seq (absent on `end`); send it back as Last-Event-ID to resume" }),
    event: z.enum(["log", "progress", "status", "metric", "end"]),
    data: z.string().meta({ contentMediaType: "application/json", description: "A JSON object: `seq`, `at` and the event's fields; `end` carries the final `status`" }),
  })
  .loose()
  .meta({ id: "JobEvent" });

export const CancelAnswerSchema = z.object({ status: z.enum(["CANCELLED", "CANCELLING"]) }).meta({ id: "CancelAnswer" });

export const HostSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    labels: z.array(z.string()),
    storageRoots: z.array(z.string()),
    queues: z.array(z.string()),
    concurrency: z.number().int(),
    system: Json,
    gpus: Json,
    tools: Json,
    workerVersion: z.string().nullable(),
    lastHeartbeatAt: DateTime.nullable(),
    startedAt: DateTime.nullable(),
    stoppedAt: DateTime.nullable(),
    createdAt: DateTime,
    online: z.boolean(),
  })
  .meta({ id: "Host" });

/** What every model answer says about the artifact itself. */
const ModelFields = {
  id: z.string(),
  name: z.string(),
  kind: z.enum(ARTIFACT_KINDS),
  hostId: z.string(),
  path: z.string(),
  sizeBytes: z.number(),
  architecture: z.string().nullable(),
  parameterCount: z.number().nullable(),
  precision: z.string().nullable(),
  contextLength: z.number().int().nullable(),
  parentId: z.string().nullable(),
  createdAt: DateTime,
};

export const ModelListItemSchema = z
  .object({ ...ModelFields, host: z.object({ name: z.string() }) })
  .meta({ id: "ModelListItem" });

type Lineage = { id: string; name: string; kind: (typeof ARTIFACT_KINDS)[number]; precision: string | null; sizeBytes: number; children: Lineage[] };
export const LineageNodeSchema: z.ZodType<Lineage> = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ARTIFACT_KINDS),
    precision: z.string().nullable(),
    sizeBytes: z.number(),
    get children() {
      return z.array(LineageNodeSchema);
    },
  })
  .meta({ id: "LineageNode" });

export const ModelDetailSchema = z
  .object({
    ...ModelFields,
    chatTemplate: z.string().nullable(),
    metadata: Json,
    sourceJobId: z.string().nullable(),
    host: z.object({ id: z.string(), name: z.string() }),
    parent: z.object({ id: z.string(), name: z.string() }).nullable(),
    sourceJob: z.object({ id: z.string(), title: z.string(), status: z.enum(JOB_STATUSES) }).nullable(),
    lineage: LineageNodeSchema.nullable(),
  })
  .meta({ id: "ModelDetail" });

export const QuantReportSchema = z
  .object({
    rootId: z.string(),
    rootName: z.string(),
    parameterCount: z.number().nullable(),
    baselineId: z.string().nullable(),
    rows: z.array(
      z.object({
        artifactId: z.string(),
        name: z.string(),
        precision: z.string().nullable(),
        parentId: z.string().nullable(),
        sizeBytes: z.number(),
        bitsPerWeight: z.number().nullable(),
        expectedBitsPerWeight: z.number().nullable(),
        perplexity: z.number().nullable(),
        pplError: z.number().nullable(),
        pplDelta: z.number().nullable(),
        baseline: z.boolean(),
        comparable: z.boolean(),
        evaluation: z.object({ textFile: z.string(), contextSize: z.number(), chunks: z.number().nullable(), evaluatedAt: z.string() }).nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: "QuantReport" });

export const ConvertAnswerSchema = z
  .object({
    job: JobSchema,
    plan: z.object({}).loose().meta({ description: "Converter outtype, quantize types, notes" }),
  })
  .meta({ id: "ConvertAnswer" });

export const QueuedJobSchema = z.object({ job: JobSchema }).meta({ id: "QueuedJob" });
export const QueuedJobsSchema = z.object({ jobs: z.array(JobSchema) }).meta({ id: "QueuedJobs" });

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(["PERSONAL", "WORKER"]),
    prefix: z.string(),
    createdAt: DateTime,
    lastUsedAt: DateTime.nullable(),
  })
  .meta({ id: "Token" });

export const CreatedTokenSchema = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(["PERSONAL", "WORKER"]), prefix: z.string(), createdAt: DateTime, secret: z.string() })
  .meta({ id: "CreatedToken" });

export const RevokedSchema = z.object({ revoked: z.literal(true) }).meta({ id: "Revoked" });
