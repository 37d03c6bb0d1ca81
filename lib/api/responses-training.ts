import { z } from "zod";
import { JOB_STATUSES } from "../jobs/status";

// Answers of the dataset and fine-tuning operations (see responses.ts for the conventions).

const DateTime = z.string().meta({ format: "date-time" });

const DatasetFields = {
  id: z.string(),
  name: z.string(),
  hostId: z.string(),
  path: z.string(),
  sizeBytes: z.number(),
  format: z.string(),
  purpose: z.string(),
  rows: z.number().int(),
  validRows: z.number().int(),
  errorCount: z.number().int(),
  createdAt: DateTime,
};

export const DatasetListItemSchema = z.object({ ...DatasetFields, host: z.object({ name: z.string() }) }).meta({ id: "DatasetListItem" });

export const DatasetDetailSchema = z
  .object({
    ...DatasetFields,
    entry: z.record(z.string(), z.unknown()),
    report: z.unknown(),
    host: z.object({ id: z.string(), name: z.string() }),
    sourceJob: z.object({ id: z.string(), title: z.string(), status: z.enum(JOB_STATUSES) }).nullable(),
    runs: z.array(z.object({ id: z.string(), title: z.string(), status: z.enum(JOB_STATUSES), createdAt: DateTime })),
  })
  .meta({ id: "DatasetDetail" });

export const DatasetPreviewSchema = z
  .object({
    modelId: z.string().nullable(),
    templateSource: z.enum(["model", "none"]),
    samples: z.array(z.object({ sample: z.unknown(), text: z.string().nullable(), error: z.string().nullable() })),
  })
  .meta({ id: "DatasetPreview" });

const IssueSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });

export const FinetuneCheckSchema = z
  .object({
    errors: z.array(IssueSchema),
    warnings: z.array(IssueSchema),
    /** The YAML `llamafactory-cli train` will get, with the run folder's paths shown as placeholders. */
    yaml: z.string(),
    deepspeed: z.unknown().nullable(),
    memory: z
      .object({ perDeviceGiB: z.number(), terms: z.array(z.object({ name: z.string(), gib: z.number(), formula: z.string() })), freeGiB: z.number().nullable(), fits: z.boolean().nullable() })
      .nullable(),
  })
  .meta({ id: "FinetuneCheck" });

export const ImportedTrainYamlSchema = z
  .object({
    args: z.record(z.string(), z.unknown()),
    managed: z.record(z.string(), z.unknown()),
    extra: z.record(z.string(), z.unknown()),
    errors: z.array(z.string()),
  })
  .meta({ id: "ImportedTrainYaml" });

const TrainPointSchema = z.object({
  step: z.number(),
  totalSteps: z.number().optional(),
  epoch: z.number().optional(),
  loss: z.number().optional(),
  evalLoss: z.number().optional(),
  lr: z.number().optional(),
  throughput: z.number().optional(),
  vramGiB: z.number().optional(),
  segment: z.number().int(),
  attempt: z.number().int(),
});

export const RunMetricsSchema = z
  .object({
    runId: z.string(),
    attempts: z.array(
      z.object({
        id: z.string(),
        status: z.enum(JOB_STATUSES),
        title: z.string(),
        createdAt: DateTime,
        startedAt: DateTime.nullable(),
        finishedAt: DateTime.nullable(),
        progress: z.number().nullable(),
        progressLabel: z.string().nullable(),
      }),
    ),
    points: z.array(TrainPointSchema),
  })
  .meta({ id: "RunMetrics" });
