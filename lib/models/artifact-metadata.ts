import { z } from "zod";
import { CustomCodeSchema } from "./custom-code";
import { HfCommonSchema, HfLoraAdapterSchema, HfTokenizerSchema, HfWeightsSchema } from "./hf/hf-model-info-schema";

/**
 * `Artifact.metadata`: what the files said when the model was registered (GGUF header or
 * Hugging Face inspection) plus what jobs added later (`conversion`, `imatrix`, `evaluation`,
 * `customCode`). Writers build the records below; readers go through `readArtifactMetadata`.
 *
 * Rows outlive code: every field is optional, objects keep keys this version does not name, and
 * a part that no longer fits is dropped on read rather than failing the page that shows it.
 */

/** `{TYPE: {count, parameters}}`: GGUF tensor types and safetensors dtypes alike. */
export const TypeStatsSchema = z.record(z.string(), z.object({ count: z.number(), parameters: z.number() }).loose());
export type TypeStats = z.infer<typeof TypeStatsSchema>;

/** What the planner changed from the request (lib/tools/llama-cpp/plan.ts `PlanNote`). */
export const PlanNoteSchema = z.object({ code: z.string(), key: z.string(), params: z.record(z.string(), z.unknown()), en: z.string() }).loose();

/** `metadata.conversion`: how a GGUF was made (convert or quantize step). */
export const ConversionRecordSchema = z
  .object({
    step: z.enum(["convert", "quantize"]),
    /** The precision or quant type produced (F16, Q4_K_M). */
    type: z.string(),
    /** Base name shared by a family's outputs ("smollm2"), so quants of an F16 get sibling names. */
    baseName: z.string(),
    stem: z.string(),
    sourceArtifactId: z.string(),
    sourcePath: z.string(),
    durationMs: z.number(),
    // convert
    outtype: z.string(),
    requestedOuttype: z.string(),
    metadataOverrides: z.record(z.string(), z.unknown()).nullable(),
    notes: z.array(PlanNoteSchema),
    // quantize
    sourcePrecision: z.string().nullable(),
    allowRequantize: z.boolean(),
    /** Path of the importance matrix used; null when none. */
    imatrix: z.string().nullable(),
    estimatedBitsPerWeight: z.number().nullable(),
    reportedBitsPerWeight: z.number().nullable(),
    fallbackTensors: z.number().nullable(),
    fallbacks: z.array(z.string()),
  })
  .partial()
  .loose();
export type ConversionRecord = z.infer<typeof ConversionRecordSchema>;

/** `metadata.imatrix` on the model the matrix was computed on; reused for the same calibration text. */
export const ImatrixRecordSchema = z
  .object({
    path: z.string(),
    textFile: z.string(),
    chunks: z.number().nullable(),
    contextSize: z.number(),
    jobId: z.string(),
    createdAt: z.string(),
  })
  .partial()
  .required({ path: true, textFile: true })
  .loose();
export type ImatrixRecord = z.infer<typeof ImatrixRecordSchema>;

/** `metadata.evaluation`: llama-perplexity on a held-out text; the quant report compares these. */
export const EvaluationRecordSchema = z
  .object({
    perplexity: z.number(),
    pplError: z.number().nullable(),
    textFile: z.string(),
    contextSize: z.number(),
    chunks: z.number().nullable(),
    bitsPerWeight: z.number().nullable(),
    sizeBytes: z.number(),
    baseline: z.boolean(),
    jobId: z.string(),
    evaluatedAt: z.string(),
    durationMs: z.number(),
  })
  .partial()
  .required({ perplexity: true })
  .loose();
export type EvaluationRecord = z.infer<typeof EvaluationRecordSchema>;

/**
 * `metadata.training` on what a fine-tune (or an export of one) produced: the run, its datasets
 * (lineage) and the chat template it trained with, which every later step must keep using.
 */
export const TrainingRecordSchema = z
  .object({
    runId: z.string(),
    jobId: z.string(),
    baseModelId: z.string(),
    datasetIds: z.array(z.string()),
    /** LLaMA-Factory template name; null = the base model's own chat template. */
    template: z.string().nullable(),
    stage: z.string(),
    finetuningType: z.string(),
    quantizationBit: z.number().nullable(),
    steps: z.number().nullable(),
    trainLoss: z.number().nullable(),
    trainRuntimeSeconds: z.number().nullable(),
    /** model.export: merged from this adapter. */
    mergedFromId: z.string(),
    exportQuantizationBit: z.number().nullable(),
  })
  .partial()
  .loose();
export type TrainingRecord = z.infer<typeof TrainingRecordSchema>;

/** Header fields `describeGguf` stores (the chat template has its own column). */
const GgufFieldsSchema = z.object({
  ggufVersion: z.number(),
  tensorCount: z.number(),
  tensorTypes: TypeStatsSchema,
  quantizationVersion: z.number().nullable(),
  fileTypeId: z.number().nullable(),
  /** GGUF key/value metadata, bigints as strings. */
  keys: z.record(z.string(), z.unknown()),
});

export const ArtifactMetadataSchema = z
  .object({
    format: z.enum(["gguf", "hf"]),
    ...GgufFieldsSchema.shape,
    // Hugging Face inspection (`describeHfDir`), less the chat template (its own column).
    ...HfCommonSchema.omit({ chatTemplate: true, warnings: true, customCode: true }).shape,
    // Nested parts as loose and partial as the rest: an older inspection lacked some of their fields.
    weights: HfWeightsSchema.extend({ dtypes: TypeStatsSchema }).partial().loose().nullable(),
    tokenizer: HfTokenizerSchema.partial().loose(),
    kind: z.enum(["hf-model", "lora-adapter"]),
    adapter: HfLoraAdapterSchema.partial().loose().nullable(),
    warnings: z.array(z.string()),
    customCode: CustomCodeSchema.nullable(),
    conversion: ConversionRecordSchema,
    imatrix: ImatrixRecordSchema,
    evaluation: EvaluationRecordSchema,
    training: TrainingRecordSchema,
  })
  .partial()
  .loose();
export type ArtifactMetadata = z.infer<typeof ArtifactMetadataSchema>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The stored metadata, each known key checked on its own: one key that no longer fits (an older
 * writer, a hand edit) is left out instead of hiding everything else. Unknown keys pass through.
 */
export function readArtifactMetadata(raw: unknown): ArtifactMetadata {
  if (!isRecord(raw)) return {};
  const out: Record<string, unknown> = { ...raw };
  const shape = ArtifactMetadataSchema.shape as Record<string, z.ZodType>;
  for (const key of Object.keys(raw)) {
    const schema = shape[key];
    if (!schema) continue;
    const r = schema.safeParse(raw[key]);
    if (r.success) out[key] = r.data;
    else delete out[key];
  }
  return out as ArtifactMetadata;
}

/** For writers: a bug that would store a malformed part fails the job instead of every later reader. */
export function checkArtifactMetadata(value: ArtifactMetadata): ArtifactMetadata {
  return ArtifactMetadataSchema.parse(value);
}
