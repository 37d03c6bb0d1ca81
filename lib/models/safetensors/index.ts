// Barrel so callers import the safetensors readers from one place.
export { readSafetensorsHeader, MAX_SAFETENSORS_HEADER_BYTES } from "./read-safetensors-header";
export { readSafetensorsIndex } from "./read-safetensors-index";
export { summarizeSafetensorsFiles, type SummarizeOptions } from "./summarize-safetensors-files";
export { SafetensorsFormatError } from "./safetensors-format-error";
export { SAFETENSORS_DTYPE_BYTES } from "./safetensors-dtypes";
export type {
  SafetensorsDtypeStats,
  SafetensorsHeader,
  SafetensorsModelSummary,
  SafetensorsTensor,
} from "./safetensors-types";
