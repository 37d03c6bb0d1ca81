import { z } from "zod";
import type { QueueKind } from "../queue/names";
import { NO_RESOURCES, type ResourceNeeds } from "./resources";
import { CONVERT_OUTTYPES, MetadataOverridesSchema } from "../tools/llama-cpp/convert";
import { QUANT_TYPE_ALIASES, QUANT_TYPE_NAMES, findQuantType, type QuantTypeName } from "../tools/llama-cpp/quant-types";
import { IdSchema, lengthBetween, nameSchema } from "../schemas/text";

/**
 * Host paths arrive from forms and the API; control characters are never a legitimate part of one.
 * A pattern rather than checks in code, so the API document states the rule; nothing is trimmed,
 * so what the document accepts is the path that is used.
 */
export const HostPathSchema = lengthBetween(
  z.string().regex(/^\/[^\u0000-\u001f]*$/, "Path must be absolute (start with /) and contain no control characters"),
  1,
  4096,
  "Path is longer than 4096 characters",
);

export const ArtifactNameSchema = nameSchema(200);

export const ModelImportPayloadSchema = z.object({
  path: HostPathSchema,
  name: ArtifactNameSchema.optional(),
});
export type ModelImportPayload = z.infer<typeof ModelImportPayloadSchema>;

/** A self-test that prints lines: measures log streaming and exercises cancel and worker loss. */
export const LogBurstPayloadSchema = z.object({
  lines: z.number().int().min(1).max(1_000_000),
  intervalMs: z.number().int().min(0).max(1_000).default(0),
  exitCode: z.number().int().min(0).max(255).default(0),
  /** GPU slots to claim, so slot accounting can be tested on any host; the child prints CUDA_VISIBLE_DEVICES. */
  gpus: z.number().int().min(0).max(8).default(0),
});
export type LogBurstPayload = z.infer<typeof LogBurstPayloadSchema>;

/** Both cases of a list of names; the document enumerates every spelling the server accepts. */
const bothCases = (names: readonly string[]) => [...new Set(names.flatMap((n) => [n, n.toLowerCase()]))];

/** Every accepted spelling of a llama.cpp quantization type: the names and aliases, upper or lower case. */
export const QUANT_TYPE_SPELLINGS = bothCases([...QUANT_TYPE_NAMES, ...Object.keys(QUANT_TYPE_ALIASES)]) as [string, ...string[]];

/** A llama.cpp quantization type in any accepted spelling (q4_k → Q4_K_M), normalised to its name. */
export const QuantTypeSchema = z.enum(QUANT_TYPE_SPELLINGS).transform((s) => findQuantType(s)!.name as QuantTypeName);

/** What the converter can write directly (f16 ...), or a quantization type planned as convert + quantize. */
export const CONVERT_OUTTYPE_SPELLINGS = bothCases([...CONVERT_OUTTYPES.map((t) => t.toUpperCase()), ...QUANT_TYPE_SPELLINGS]) as [string, ...string[]];
export const ConvertOuttypeInputSchema = z.enum(CONVERT_OUTTYPE_SPELLINGS);

/** `evaluate: true` needs `evalTextPath`, in JSON Schema terms (a zod refine is invisible to the document). */
export const EVAL_TEXT_RULE = { if: { properties: { evaluate: { const: true } }, required: ["evaluate"] }, then: { required: ["evalTextPath"] } };
/** Spellings of the types llama-quantize refuses to make without an importance matrix. */
export const IMATRIX_TYPE_SPELLINGS = QUANT_TYPE_SPELLINGS.filter((s) => findQuantType(s)!.needsImatrix);
/** imatrixPath and imatrixDatasetPath exclude each other. */
export const ONE_IMATRIX_RULE = { not: { required: ["imatrixPath", "imatrixDatasetPath"] } };
/** Adds JSON Schema rules to an object's document form; a refine here or a check in the route enforces each. */
export const documentRules = (...rules: object[]) => ({
  override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
    const all = [...((jsonSchema.allOf as object[] | undefined) ?? []), ...rules];
    jsonSchema.allOf = all;
  },
});

/** Perplexity options shared by the job payloads and the API bodies that create them. */
export const EvalFields = {
  /** Compute perplexity of the output on a held-out text file on the host (llama-perplexity). */
  evaluate: z.boolean().default(false),
  evalTextPath: HostPathSchema.optional(),
  /** Tokens per perplexity chunk; the text must hold at least twice as many. */
  evalContextSize: z.number().int().min(16).max(32_768).default(512),
  /** Evaluate only the first N chunks (faster; keep it the same for every file you compare). */
  evalChunks: z.number().int().min(1).max(100_000).optional(),
};
export const needsEvalText = (p: { evaluate: boolean; evalTextPath?: string }) => !p.evaluate || !!p.evalTextPath;
export const evalTextMessage = { message: "Choose a held-out text file (evalTextPath) to measure perplexity", path: ["evalTextPath"] };

export const ConvertFollowUpSchema = z
  .object({
    /** One model.quantize child job per type, run in parallel as the host allows. */
    quantize: z.array(QuantTypeSchema).max(40).default([]),
    /** Calibration text for llama-imatrix; required when a type needs an importance matrix. */
    imatrixDatasetPath: HostPathSchema.optional(),
    imatrixChunks: z.number().int().min(1).max(100_000).optional(),
    ...EvalFields,
  })
  .refine(needsEvalText, evalTextMessage)
  .meta(documentRules(EVAL_TEXT_RULE));
export type ConvertFollowUp = z.infer<typeof ConvertFollowUpSchema>;

export const ModelConvertPayloadSchema = z.object({
  /** A registered HF_MODEL artifact on the job's host. */
  artifactId: IdSchema,
  /** f32 | f16 | bf16 | q8_0 | auto, or a llama-quantize type (Q4_K_M ...) that becomes convert + quantize. */
  outtype: ConvertOuttypeInputSchema,
  /** Base name of the outputs (file stem and artifact names); default: the source model's name. */
  name: ArtifactNameSchema.optional(),
  /** general.* overrides written with --metadata (author, license, description ...). */
  metadata: MetadataOverridesSchema.optional(),
  /** Exact output file (*.gguf) inside the storage roots; default <model dir>-gguf/<name>-<TYPE>.gguf. */
  outputPath: HostPathSchema.optional(),
  followUp: ConvertFollowUpSchema.optional(),
  /** The user confirmed converting a folder that carries its own Python code; recorded on the job. */
  allowCustomCode: z.boolean().optional(),
});
export type ModelConvertPayload = z.infer<typeof ModelConvertPayloadSchema>;

/** Importance-matrix options shared by the quantize payload and the quantize API body. */
export const ImatrixFields = {
  /** An existing importance matrix file (from llama-imatrix). */
  imatrixPath: HostPathSchema.optional(),
  /** Or: calibration text to compute one first (reused when the source already has one for it). */
  imatrixDatasetPath: HostPathSchema.optional(),
  imatrixChunks: z.number().int().min(1).max(100_000).optional(),
};
export const oneImatrixSource = (p: { imatrixPath?: string; imatrixDatasetPath?: string }) => !(p.imatrixPath && p.imatrixDatasetPath);
export const oneImatrixSourceMessage = { message: "Give either imatrixPath or imatrixDatasetPath, not both", path: ["imatrixPath"] };

export const ModelQuantizePayloadSchema = z
  .object({
    /** A registered GGUF artifact (normally F32/F16/BF16) on the job's host. */
    artifactId: IdSchema,
    type: QuantTypeSchema,
    name: ArtifactNameSchema.optional(),
    outputPath: HostPathSchema.optional(),
    /** Quantize an already-quantized GGUF; only when asked explicitly (quality suffers). */
    allowRequantize: z.boolean().default(false),
    ...ImatrixFields,
    ...EvalFields,
  })
  .refine(needsEvalText, evalTextMessage)
  .refine(oneImatrixSource, oneImatrixSourceMessage)
  .meta(documentRules(EVAL_TEXT_RULE, ONE_IMATRIX_RULE));
export type ModelQuantizePayload = z.infer<typeof ModelQuantizePayloadSchema>;

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

type KindSpec<S extends z.ZodType> = {
  queue: QueueKind;
  payload: S;
  title: (p: z.infer<S>) => string;
  resources: (p: z.infer<S>) => ResourceNeeds;
};

export const JOB_KINDS = {
  "model.import": {
    queue: "host-io",
    payload: ModelImportPayloadSchema,
    resources: () => NO_RESOURCES,
    title: (p) => `Import ${p.name ?? p.path}`,
  } satisfies KindSpec<typeof ModelImportPayloadSchema>,
  "host.log-burst": {
    queue: "host-io",
    payload: LogBurstPayloadSchema,
    resources: (p) => ({ gpus: p.gpus }),
    title: (p) => `Log self-test (${p.lines} lines)`,
  } satisfies KindSpec<typeof LogBurstPayloadSchema>,
  "model.convert": {
    queue: "convert",
    payload: ModelConvertPayloadSchema,
    resources: () => NO_RESOURCES,
    title: (p) =>
      `Convert ${p.name ?? "model"} to GGUF ${p.outtype.toUpperCase()}${p.followUp?.quantize.length ? ` + ${p.followUp.quantize.join(", ")}` : ""}`,
  } satisfies KindSpec<typeof ModelConvertPayloadSchema>,
  "model.quantize": {
    queue: "convert",
    payload: ModelQuantizePayloadSchema,
    resources: () => NO_RESOURCES,
    title: (p) => `Quantize ${p.name ?? "GGUF"} to ${p.type}${p.evaluate ? " + perplexity" : ""}`,
  } satisfies KindSpec<typeof ModelQuantizePayloadSchema>,
  "model.evaluate": {
    queue: "convert",
    payload: ModelEvaluatePayloadSchema,
    resources: () => NO_RESOURCES,
    title: (p) => `Perplexity of ${p.name ?? "GGUF"}${p.baseline ? " (baseline)" : ""}`,
  } satisfies KindSpec<typeof ModelEvaluatePayloadSchema>,
} as const;

export type JobKind = keyof typeof JOB_KINDS;
export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as [JobKind, ...JobKind[]];

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_KINDS, kind);
}
