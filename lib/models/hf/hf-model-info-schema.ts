import { z } from "zod";
import { CustomCodeSchema } from "../custom-code";

const DtypeStatsSchema = z.object({ count: z.number().int().nonnegative(), parameters: z.number().nonnegative() });

export const HfWeightsSchema = z.object({
  format: z.literal("safetensors"),
  /** File names relative to the model directory. */
  files: z.array(z.string()),
  sharded: z.boolean(),
  tensorCount: z.number().int().nonnegative(),
  totalFileSize: z.number().nonnegative(),
  dtypes: z.record(z.string(), DtypeStatsSchema),
});

export const HfTokenizerSchema = z.object({
  /** Tokenizer-related files present, e.g. tokenizer.json, tokenizer.model, merges.txt. */
  files: z.array(z.string()),
  /** True when some file actually defines a vocabulary, not just tokenizer settings. */
  hasVocabulary: z.boolean(),
  tokenizerClass: z.string().nullable(),
  bosToken: z.string().nullable(),
  eosToken: z.string().nullable(),
});

export const HfChatTemplateSourceSchema = z.enum(["chat_template.jinja", "tokenizer_config.json", "chat_template.json"]);

export const HfLoraAdapterSchema = z.object({
  peftType: z.string().nullable(),
  baseModelNameOrPath: z.string().nullable(),
  r: z.number().nullable(),
  loraAlpha: z.number().nullable(),
  /** PEFT allows a module-name list or a single regex string. */
  targetModules: z.union([z.array(z.string()), z.string()]).nullable(),
  taskType: z.string().nullable(),
});

export const HfCommonSchema = z.object({
  dir: z.string(),
  architecture: z.string().nullable(),
  architectures: z.array(z.string()),
  modelType: z.string().nullable(),
  contextLength: z.number().int().positive().nullable(),
  vocabSize: z.number().int().positive().nullable(),
  hiddenSize: z.number().int().positive().nullable(),
  numLayers: z.number().int().positive().nullable(),
  parameterCount: z.number().int().nonnegative().nullable(),
  /** Safetensors dtype name (BF16, F16, F32, ...), whichever source supplied it. */
  dtype: z.string().nullable(),
  dtypeSource: z.enum(["safetensors", "config"]).nullable(),
  weights: HfWeightsSchema.nullable(),
  /** Weight files in formats we do not parse (pytorch_model.bin, *.gguf, ...). */
  otherWeightFiles: z.array(z.string()),
  tokenizer: HfTokenizerSchema,
  chatTemplate: z.string().nullable(),
  chatTemplateSource: HfChatTemplateSourceSchema.nullable(),
  /** Names of all templates offered (named templates, additional_chat_templates/*.jinja). */
  chatTemplateNames: z.array(z.string()),
  config: z.record(z.string(), z.unknown()).nullable(),
  generationConfig: z.record(z.string(), z.unknown()).nullable(),
  sizeBytes: z.number().nonnegative(),
  fileCount: z.number().int().nonnegative(),
  /** False when the size walk hit its depth or entry bound, so sizeBytes is a lower bound. */
  sizeComplete: z.boolean(),
  warnings: z.array(z.string()),
  /** Python the folder carries (auto_map, *.py): converting it runs that code. */
  customCode: CustomCodeSchema.nullable(),
});

export const HfModelInfoSchema = z.discriminatedUnion("kind", [
  HfCommonSchema.extend({ kind: z.literal("hf-model"), adapter: z.null() }),
  HfCommonSchema.extend({ kind: z.literal("lora-adapter"), adapter: HfLoraAdapterSchema }),
]);

export type HfModelInfo = z.infer<typeof HfModelInfoSchema>;
export type HfLoraAdapter = z.infer<typeof HfLoraAdapterSchema>;
export type HfWeights = z.infer<typeof HfWeightsSchema>;
export type HfTokenizer = z.infer<typeof HfTokenizerSchema>;
export type HfChatTemplateSource = z.infer<typeof HfChatTemplateSourceSchema>;
