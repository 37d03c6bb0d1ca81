import { z } from "zod";
import { AppError } from "../../errors";
import { customCodeOf, customCodeRefusal } from "../../models/custom-code";
import { IdSchema } from "../../schemas/text";
import { MetadataOverridesSchema } from "../../tools/llama-cpp/convert";
import { planConversion, type ConversionPlan } from "../../tools/llama-cpp/plan";
import { NO_RESOURCES } from "../resources";
import {
  ArtifactNameSchema,
  ConvertOuttypeInputSchema,
  documentRules,
  EVAL_TEXT_RULE,
  EvalFields,
  evalTextMessage,
  HostPathSchema,
  IMATRIX_TYPE_SPELLINGS,
  needsEvalText,
  QuantTypeSchema,
} from "./fields";
import type { JobKindSpec, Prepared, SourceModel } from "./kind";

/** What model.convert does after converting: child jobs, planned by prepare and queued by the handler. */
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

/** model.convert: a registered HF_MODEL → GGUF, then the follow-up children. */
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

// prepare refuses these with 400 needs_imatrix (a code forms and scripts act on); the rule puts
// the same condition into the document.
const CONVERT_IMATRIX_RULE = {
  if: {
    anyOf: [
      { properties: { outtype: { enum: IMATRIX_TYPE_SPELLINGS } }, required: ["outtype"] },
      { properties: { quantize: { contains: { enum: IMATRIX_TYPE_SPELLINGS } } }, required: ["quantize"] },
    ],
  },
  then: { required: ["imatrixDatasetPath"] },
};

/** POST /api/v1/models/{id}/convert: convert an HF model to GGUF, optionally quantize and evaluate the result. */
export const ConvertModelInputSchema = z
  .object({
    /** f32 | f16 | bf16 | q8_0 | auto, or a quantization type (Q4_K_M ...) which is planned as convert + quantize. */
    outtype: ConvertOuttypeInputSchema.default("f16"),
    name: ArtifactNameSchema.optional(),
    metadata: MetadataOverridesSchema.optional(),
    outputPath: HostPathSchema.optional(),
    /** Quantization types made from the converted file, one job each. */
    quantize: z.array(QuantTypeSchema).max(40).default([]),
    /** Calibration text for llama-imatrix (required by IQ types and Q2_K_S, used by all listed types). */
    imatrixDatasetPath: HostPathSchema.optional(),
    imatrixChunks: z.number().int().min(1).max(100_000).optional(),
    /** Required (true) when the model folder carries its own Python code (auto_map, *.py): converting may run it. */
    allowCustomCode: z.boolean().default(false),
    ...EvalFields,
  })
  .refine(needsEvalText, evalTextMessage)
  .meta(documentRules(EVAL_TEXT_RULE, CONVERT_IMATRIX_RULE));
export type ConvertModelInput = z.infer<typeof ConvertModelInputSchema>;

export type ConvertContext = { model: SourceModel };

/**
 * The steps llama.cpp will run (convert once, then one quantize job per type). Pure and free of
 * node imports: the Convert form previews exactly this plan in the browser. An outtype or type
 * that is neither is refused with 400 (unknown_outtype, unknown_quant_type).
 */
export function planConvert(request: { outtype: string; quantize?: readonly string[] }, sourcePrecision: string | null): ConversionPlan {
  return planConversion({ outtype: request.outtype, quantize: request.quantize ?? [], sourceDtype: sourcePrecision });
}

/** The state refusals: the route answers them from the row, the worker re-checks the row it loads. */
export function checkConvertSource(model: SourceModel, allowCustomCode: boolean | undefined): void {
  if (model.kind === "GGUF") {
    throw new AppError(
      409,
      "not_hf_model",
      `${model.name} is already a GGUF file; the converter needs a Hugging Face model folder`,
      "Quantize this GGUF instead (Quantize, or POST /api/v1/models/{id}/quantize), or convert the Hugging Face model it came from.",
    );
  }
  if (model.kind === "LORA_ADAPTER") {
    throw new AppError(409, "not_hf_model", `${model.name} is a LoRA adapter, not a full model`, "Merge the adapter into its base model first, then convert the merged model.");
  }
  const refusal = customCodeRefusal(model.name, customCodeOf(model.metadata), allowCustomCode);
  if (refusal) throw refusal;
}

/** IQ types (and Q2_K_S) cannot be made without an importance matrix, computed from calibration text. */
export function requireImatrixText(plan: ConversionPlan, imatrixDatasetPath: string | undefined): void {
  if (!plan.needsImatrix || imatrixDatasetPath) return;
  const types = plan.imatrixRequiredBy;
  throw new AppError(
    400,
    "needs_imatrix",
    `${types.join(", ")} ${types.length === 1 ? "needs" : "need"} an importance matrix, and no calibration text was given`,
    "Choose a calibration text file (imatrixDatasetPath) on the host, or drop those types.",
  );
}

/**
 * Checked and planned before anything is queued, so a bad request fails at once and the answer
 * carries the plan the form shows. The children (quantize, baseline evaluate) are planned again
 * by their own kinds' prepare when the handler queues them, from the file it made.
 */
export function prepareModelConvert(input: ConvertModelInput, { model }: ConvertContext): Prepared<ModelConvertPayload> & { plan: ConversionPlan } {
  checkConvertSource(model, input.allowCustomCode);
  const plan = planConvert(input, model.precision);
  requireImatrixText(plan, input.imatrixDatasetPath);
  const followUp =
    plan.quantize.length || input.evaluate || input.imatrixDatasetPath
      ? {
          quantize: plan.quantize,
          imatrixDatasetPath: input.imatrixDatasetPath,
          imatrixChunks: input.imatrixChunks,
          evaluate: input.evaluate,
          evalTextPath: input.evalTextPath,
          evalContextSize: input.evalContextSize,
          evalChunks: input.evalChunks,
        }
      : undefined;
  const payload: ModelConvertPayload = {
    artifactId: model.id,
    outtype: plan.convertOuttype,
    name: input.name ?? model.name,
    metadata: input.metadata,
    outputPath: input.outputPath,
    followUp,
    // Recorded on the job only when it mattered: the worker re-detects code on disk and checks this.
    ...(customCodeOf(model.metadata) ? { allowCustomCode: true } : {}),
  };
  return { hostId: model.hostId, payloads: [payload], plan };
}

export const modelConvert = {
  name: "model.convert",
  queue: "convert",
  payload: ModelConvertPayloadSchema,
  input: ConvertModelInputSchema,
  prepare: prepareModelConvert,
  title: (p) => {
    const params = { name: p.name ?? "model", outtype: p.outtype.toUpperCase() };
    const types = p.followUp?.quantize ?? [];
    return types.length
      ? { key: "jobTitle.model.convertAndQuantize", params: { ...params, types: types.join(", ") } }
      : { key: "jobTitle.model.convert", params };
  },
  resources: () => NO_RESOURCES,
} as const satisfies JobKindSpec<typeof ModelConvertPayloadSchema>;
