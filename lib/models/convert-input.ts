import { z } from "zod";
import { ArtifactNameSchema, EvalFields, evalTextMessage, HostPathSchema, ImatrixFields, needsEvalText, oneImatrixSource, oneImatrixSourceMessage } from "../jobs/kinds";
import { CONVERT_OUTTYPES, MetadataOverridesSchema } from "../tools/llama-cpp/convert";
import { findQuantType } from "../tools/llama-cpp/quant-types";

const QuantTypeNameInput = z.string().trim().min(1).max(20).refine((s) => findQuantType(s) !== null, { message: "Unknown llama.cpp quantization type" });


/** POST /api/v1/models/{id}/convert: convert an HF model to GGUF, optionally quantize and evaluate the result. */
export const ConvertModelInputSchema = z
  .object({
    /** f32 | f16 | bf16 | q8_0 | auto, or a quantization type (Q4_K_M ...) which is planned as convert + quantize. */
    outtype: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .default("f16")
      .refine((s) => (CONVERT_OUTTYPES as readonly string[]).includes(s.toLowerCase()) || findQuantType(s) !== null, {
        message: `Use ${CONVERT_OUTTYPES.join(", ")} or a quantization type such as Q4_K_M`,
      }),
    name: ArtifactNameSchema.optional(),
    metadata: MetadataOverridesSchema.optional(),
    outputPath: HostPathSchema.optional(),
    /** Quantization types made from the converted file, one job each. */
    quantize: z.array(QuantTypeNameInput).max(40).default([]),
    /** Calibration text for llama-imatrix (required by IQ types and Q2_K_S, used by all listed types). */
    imatrixDatasetPath: HostPathSchema.optional(),
    imatrixChunks: z.number().int().min(1).max(100_000).optional(),
    /** Required (true) when the model folder carries its own Python code (auto_map, *.py): converting may run it. */
    allowCustomCode: z.boolean().default(false),
    ...EvalFields,
  })
  .refine(needsEvalText, evalTextMessage);
export type ConvertModelInput = z.infer<typeof ConvertModelInputSchema>;

/** POST /api/v1/models/{id}/quantize: quantize a GGUF to one or more types (one job each). */
export const QuantizeModelInputSchema = z
  .object({
    types: z.array(QuantTypeNameInput).min(1, "Choose at least one quantization type").max(40),
    name: ArtifactNameSchema.optional(),
    /** Only with a single type. */
    outputPath: HostPathSchema.optional(),
    allowRequantize: z.boolean().default(false),
    ...ImatrixFields,
    ...EvalFields,
  })
  .refine(needsEvalText, evalTextMessage)
  .refine((b) => !b.outputPath || b.types.length === 1, { message: "outputPath works with exactly one type", path: ["outputPath"] })
  .refine(oneImatrixSource, oneImatrixSourceMessage);
export type QuantizeModelInput = z.infer<typeof QuantizeModelInputSchema>;

/** POST /api/v1/models/{id}/evaluate: perplexity of a GGUF on a held-out text. */
export const EvaluateModelInputSchema = z.object({
  textPath: HostPathSchema,
  contextSize: z.number().int().min(16).max(32_768).default(512),
  chunks: z.number().int().min(1).max(100_000).optional(),
  baseline: z.boolean().default(false),
});
export type EvaluateModelInput = z.infer<typeof EvaluateModelInputSchema>;
