// Barrel so callers import the GGUF reader from one place.
export { readGgufHeader } from "./read-gguf";
export { GgufFormatError } from "./gguf-format-error";
export { GGML_TYPES, ggmlTypeName, type GgmlTypeInfo } from "./ggml-types";
export { LLAMA_FILE_TYPES, type LlamaFileTypeInfo } from "./llama-file-types";
export { bitsPerWeight } from "./bits-per-weight";
export {
  GGUF_VALUE_TYPES,
  type GgufArray,
  type GgufHeader,
  type GgufTensorInfo,
  type GgufTensorSummary,
  type GgufTypeStats,
  type GgufValue,
  type GgufValueTypeName,
  type ReadGgufOptions,
} from "./gguf-types";
