import { z } from "zod";
import type { QueueKind } from "../queue/names";
import { CONVERT_OUTTYPES, MetadataOverridesSchema } from "../tools/llama-cpp/convert";
import { QUANT_TYPE_NAMES, findQuantType } from "../tools/llama-cpp/quant-types";

/** Host paths arrive from forms and the API; control characters are never a legitimate part of one. */
export const HostPathSchema = z
  .string()
  .trim()
  .min(1, "Enter an absolute path on the host")
  .max(4096, "Path is longer than 4096 characters")
  .refine((p) => p.startsWith("/"), "Path must be absolute (start with /)")
  .refine((p) => !/[\u0000-\u001f]/.test(p), "Path contains control characters");

export const ArtifactNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200, "Name is longer than 200 characters")
  .refine((s) => !/[\u0000-\u001f]/.test(s), "Name contains control characters");

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
});
export type LogBurstPayload = z.infer<typeof LogBurstPayloadSchema>;

/** A llama.cpp quantization type; case and aliases (q4_k → Q4_K_M) are normalised. */
export const QuantTypeSchema = z.preprocess((v) => (typeof v === "string" ? (findQuantType(v)?.name ?? v) : v), z.enum(QUANT_TYPE_NAMES));

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
  .refine(needsEvalText, evalTextMessage);
export type ConvertFollowUp = z.infer<typeof ConvertFollowUpSchema>;

export const ModelConvertPayloadSchema = z.object({
  /** A registered HF_MODEL artifact on the job's host. */
  artifactId: z.string().min(1).max(100),
  /** f32 | f16 | bf16 | q8_0 | auto, or a llama-quantize type (Q4_K_M ...) that becomes convert + quantize. */
  outtype: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .refine((s) => (CONVERT_OUTTYPES as readonly string[]).includes(s.toLowerCase()) || findQuantType(s) !== null, {
      message: `Use ${CONVERT_OUTTYPES.join(", ")} or a llama.cpp quantization type such as Q4_K_M`,
    }),
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
    artifactId: z.string().min(1).max(100),
    type: QuantTypeSchema,
    name: ArtifactNameSchema.optional(),
    outputPath: HostPathSchema.optional(),
    /** Quantize an already-quantized GGUF; only when asked explicitly (quality suffers). */
    allowRequantize: z.boolean().default(false),
    ...ImatrixFields,
    ...EvalFields,
  })
  .refine(needsEvalText, evalTextMessage)
  .refine(oneImatrixSource, oneImatrixSourceMessage);
export type ModelQuantizePayload = z.infer<typeof ModelQuantizePayloadSchema>;

export const ModelEvaluatePayloadSchema = z.object({
  /** A registered GGUF artifact on the job's host. */
  artifactId: z.string().min(1).max(100),
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
};

export const JOB_KINDS = {
  "model.import": {
    queue: "host-io",
    payload: ModelImportPayloadSchema,
    title: (p) => `Import ${p.name ?? p.path}`,
  } satisfies KindSpec<typeof ModelImportPayloadSchema>,
  "host.log-burst": {
    queue: "host-io",
    payload: LogBurstPayloadSchema,
    title: (p) => `Log self-test (${p.lines} lines)`,
  } satisfies KindSpec<typeof LogBurstPayloadSchema>,
  "model.convert": {
    queue: "convert",
    payload: ModelConvertPayloadSchema,
    title: (p) =>
      `Convert ${p.name ?? "model"} to GGUF ${p.outtype.toUpperCase()}${p.followUp?.quantize.length ? ` + ${p.followUp.quantize.join(", ")}` : ""}`,
  } satisfies KindSpec<typeof ModelConvertPayloadSchema>,
  "model.quantize": {
    queue: "convert",
    payload: ModelQuantizePayloadSchema,
    title: (p) => `Quantize ${p.name ?? "GGUF"} to ${p.type}${p.evaluate ? " + perplexity" : ""}`,
  } satisfies KindSpec<typeof ModelQuantizePayloadSchema>,
  "model.evaluate": {
    queue: "convert",
    payload: ModelEvaluatePayloadSchema,
    title: (p) => `Perplexity of ${p.name ?? "GGUF"}${p.baseline ? " (baseline)" : ""}`,
  } satisfies KindSpec<typeof ModelEvaluatePayloadSchema>,
} as const;

export type JobKind = keyof typeof JOB_KINDS;
export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as [JobKind, ...JobKind[]];

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_KINDS, kind);
}
