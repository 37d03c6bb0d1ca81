import { z } from "zod";
import {
  ArtifactNameSchema,
  ConvertOuttypeInputSchema,
  documentRules,
  EVAL_TEXT_RULE,
  EvalFields,
  evalTextMessage,
  IMATRIX_TYPE_SPELLINGS,
  HostPathSchema,
  ImatrixFields,
  needsEvalText,
  ONE_IMATRIX_RULE,
  oneImatrixSource,
  oneImatrixSourceMessage,
  QuantTypeSchema,
} from "../jobs/kinds";
import { MetadataOverridesSchema } from "../tools/llama-cpp/convert";



// The routes refuse these with 400 needs_imatrix (a code forms and scripts act on); the rules
// put the same condition into the document.
const needsImatrix = { enum: IMATRIX_TYPE_SPELLINGS };
const CONVERT_IMATRIX_RULE = {
  if: { anyOf: [{ properties: { outtype: needsImatrix }, required: ["outtype"] }, { properties: { quantize: { contains: needsImatrix } }, required: ["quantize"] }] },
  then: { required: ["imatrixDatasetPath"] },
};
const QUANTIZE_IMATRIX_RULE = {
  if: { properties: { types: { contains: needsImatrix } }, required: ["types"] },
  then: { anyOf: [{ required: ["imatrixPath"] }, { required: ["imatrixDatasetPath"] }] },
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

/** POST /api/v1/models/{id}/quantize: quantize a GGUF to one or more types (one job each). */
export const QuantizeModelInputSchema = z
  .object({
    types: z.array(QuantTypeSchema).min(1, "Choose at least one quantization type").max(40),
    name: ArtifactNameSchema.optional(),
    /** Only with a single type. */
    outputPath: HostPathSchema.optional(),
    allowRequantize: z.boolean().default(false),
    ...ImatrixFields,
    ...EvalFields,
  })
  .refine(needsEvalText, evalTextMessage)
  .refine((b) => !b.outputPath || b.types.length === 1, { message: "outputPath works with exactly one type", path: ["outputPath"] })
  .refine(oneImatrixSource, oneImatrixSourceMessage)
  .meta(documentRules(EVAL_TEXT_RULE, ONE_IMATRIX_RULE, QUANTIZE_IMATRIX_RULE, { if: { required: ["outputPath"] }, then: { properties: { types: { maxItems: 1 } } } }));
export type QuantizeModelInput = z.infer<typeof QuantizeModelInputSchema>;

/** POST /api/v1/models/{id}/evaluate: perplexity of a GGUF on a held-out text. */
export const EvaluateModelInputSchema = z.object({
  textPath: HostPathSchema,
  contextSize: z.number().int().min(16).max(32_768).default(512),
  chunks: z.number().int().min(1).max(100_000).optional(),
  baseline: z.boolean().default(false),
});
export type EvaluateModelInput = z.infer<typeof EvaluateModelInputSchema>;
