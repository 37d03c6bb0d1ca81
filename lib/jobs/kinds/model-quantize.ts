import { z } from "zod";
import { AppError } from "../../errors";
import { IdSchema } from "../../schemas/text";
import { familyBaseName } from "../../tools/llama-cpp/family-name";
import { findQuantType, isUnquantizedPrecision, type QuantTypeName } from "../../tools/llama-cpp/quant-types";
import { NO_RESOURCES } from "../resources";
import {
  ArtifactNameSchema,
  documentRules,
  EVAL_TEXT_RULE,
  EvalFields,
  evalTextMessage,
  HostPathSchema,
  IMATRIX_TYPE_SPELLINGS,
  ImatrixFields,
  needsEvalText,
  ONE_IMATRIX_RULE,
  oneImatrixSource,
  oneImatrixSourceMessage,
  QuantTypeSchema,
} from "./fields";
import type { JobKindSpec, Prepared, SourceModel } from "./kind";
import { requireGguf } from "./refusals";

/** What the API body and the payload share: everything but which source and which type(s). */
const QuantizeOptions = {
  name: ArtifactNameSchema.optional(),
  /** Exact output file; in the API body only with a single type. */
  outputPath: HostPathSchema.optional(),
  /** Quantize an already-quantized GGUF; only when asked explicitly (quality suffers). */
  allowRequantize: z.boolean().default(false),
  ...ImatrixFields,
  ...EvalFields,
};

/** model.quantize: a registered GGUF (normally F32/F16/BF16) → one llama.cpp type, one job per type. */
export const ModelQuantizePayloadSchema = z
  .object({
    /** A registered GGUF artifact (normally F32/F16/BF16) on the job's host. */
    artifactId: IdSchema,
    type: QuantTypeSchema,
    ...QuantizeOptions,
  })
  .refine(needsEvalText, evalTextMessage)
  .refine(oneImatrixSource, oneImatrixSourceMessage)
  .meta(documentRules(EVAL_TEXT_RULE, ONE_IMATRIX_RULE));
export type ModelQuantizePayload = z.infer<typeof ModelQuantizePayloadSchema>;

// prepare refuses these with 400 needs_imatrix (a code forms and scripts act on); the rule puts
// the same condition into the document.
const QUANTIZE_IMATRIX_RULE = {
  if: { properties: { types: { contains: { enum: IMATRIX_TYPE_SPELLINGS } } }, required: ["types"] },
  then: { anyOf: [{ required: ["imatrixPath"] }, { required: ["imatrixDatasetPath"] }] },
};

/** POST /api/v1/models/{id}/quantize: quantize a GGUF to one or more types (one job each). */
export const QuantizeModelInputSchema = z
  .object({
    types: z.array(QuantTypeSchema).min(1, "Choose at least one quantization type").max(40),
    ...QuantizeOptions,
  })
  .refine(needsEvalText, evalTextMessage)
  .refine((b) => !b.outputPath || b.types.length === 1, { message: "outputPath works with exactly one type", path: ["outputPath"] })
  .refine(oneImatrixSource, oneImatrixSourceMessage)
  .meta(documentRules(EVAL_TEXT_RULE, ONE_IMATRIX_RULE, QUANTIZE_IMATRIX_RULE, { if: { required: ["outputPath"] }, then: { properties: { types: { maxItems: 1 } } } }));
export type QuantizeModelInput = z.infer<typeof QuantizeModelInputSchema>;

export type QuantizeContext = { model: SourceModel };

export type QuantizePlan = { quantize: QuantTypeName[]; needsImatrix: boolean; imatrixRequiredBy: QuantTypeName[] };

/** One job per distinct type, in the order asked; pure, so the form's preview shows the same plan. */
export function planQuantize(types: readonly QuantTypeName[]): QuantizePlan {
  const quantize = [...new Set(types)];
  const imatrixRequiredBy = quantize.filter((t) => findQuantType(t)!.needsImatrix);
  return { quantize, needsImatrix: imatrixRequiredBy.length > 0, imatrixRequiredBy };
}

/** The state refusals: the route answers them, the worker re-checks them on the row it loads. */
export function checkQuantizeSource(model: SourceModel, allowRequantize: boolean): void {
  requireGguf(model, "Convert it to GGUF first (Convert, or POST /api/v1/models/{id}/convert with the quantization types to make), then quantize the F16/BF16 result.");
  if (!isUnquantizedPrecision(model.precision) && !allowRequantize) {
    throw new AppError(
      409,
      "requantize_refused",
      `${model.name} is already quantized (${model.precision ?? "unknown type"}); quantizing it again loses more quality than quantizing from 16-bit`,
      "Quantize from this model's F16/BF16/F32 GGUF instead. If none exists, resend with allowRequantize: true to requantize anyway.",
    );
  }
}

/** llama-quantize refuses these types without an importance matrix; say so before anything runs. */
export function requireImatrixSource(plan: Pick<QuantizePlan, "imatrixRequiredBy">, given: { imatrixPath?: string; imatrixDatasetPath?: string }): void {
  if (!plan.imatrixRequiredBy.length || given.imatrixPath || given.imatrixDatasetPath) return;
  const types = plan.imatrixRequiredBy;
  throw new AppError(
    400,
    "needs_imatrix",
    `${types.join(", ")} ${types.length === 1 ? "needs" : "need"} an importance matrix`,
    "Choose a calibration text file (imatrixDatasetPath) or an existing imatrix file (imatrixPath), or pick types that do not need one.",
  );
}

/** Used by the quantize route and by model.convert for its quantize children. */
export function prepareModelQuantize(input: QuantizeModelInput, { model }: QuantizeContext): Prepared<ModelQuantizePayload> & { plan: QuantizePlan } {
  checkQuantizeSource(model, input.allowRequantize);
  const plan = planQuantize(input.types);
  requireImatrixSource(plan, input);
  // The family's base name, so titles and file names of every quantization share one stem.
  const name = input.name ?? familyBaseName(model.name, model.metadata);
  const { outputPath, allowRequantize, imatrixPath, imatrixDatasetPath, imatrixChunks, evaluate, evalTextPath, evalContextSize, evalChunks } = input;
  return {
    hostId: model.hostId,
    plan,
    payloads: plan.quantize.map((type) => ({
      artifactId: model.id,
      type,
      name,
      outputPath,
      allowRequantize,
      imatrixPath,
      imatrixDatasetPath,
      imatrixChunks,
      evaluate,
      evalTextPath,
      evalContextSize,
      evalChunks,
    })),
  };
}

export const modelQuantize = {
  name: "model.quantize",
  queue: "convert",
  payload: ModelQuantizePayloadSchema,
  input: QuantizeModelInputSchema,
  prepare: prepareModelQuantize,
  title: (p) => ({ key: p.evaluate ? "jobTitle.model.quantizeAndEvaluate" : "jobTitle.model.quantize", params: { name: p.name ?? "GGUF", type: p.type } }),
  resources: () => NO_RESOURCES,
} as const satisfies JobKindSpec<typeof ModelQuantizePayloadSchema>;
