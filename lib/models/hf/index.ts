// Barrel so callers import the Hugging Face directory inspector from one place.
export { inspectHfModelDir } from "./inspect-hf-dir";
export { NotAnHfModelError, HF_DIR_REQUIREMENTS } from "./not-an-hf-model-error";
export {
  HfModelInfoSchema,
  HfLoraAdapterSchema,
  HfTokenizerSchema,
  HfWeightsSchema,
  HfChatTemplateSourceSchema,
  type HfModelInfo,
  type HfLoraAdapter,
  type HfTokenizer,
  type HfWeights,
  type HfChatTemplateSource,
} from "./hf-model-info-schema";
export { measureDirSize, type DirSize, type MeasureDirOptions } from "./measure-dir-size";
