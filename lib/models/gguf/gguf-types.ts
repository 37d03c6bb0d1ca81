/** GGUF metadata value type ids (enum gguf_type). */
export const GGUF_VALUE_TYPES = Object.freeze({
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const);

export type GgufValueTypeName = keyof typeof GGUF_VALUE_TYPES;

/**
 * Arrays are summarised rather than materialised: a vocabulary alone can be 250k strings.
 * `length` is the true length; `items` holds at most maxArrayItems of them.
 */
export interface GgufArray {
  type: "array";
  itemType: GgufValueTypeName;
  length: number;
  items: GgufValue[];
  truncated: boolean;
}

/**
 * 64-bit integers become a bigint only when they do not fit a double exactly, so the common
 * case (token ids, lengths) stays a plain number that JSON can carry.
 */
export type GgufValue = number | bigint | boolean | string | GgufArray;

export interface GgufTensorInfo {
  name: string;
  dims: number[];
  ggmlType: number;
  ggmlTypeName: string;
  /** Relative to the start of the tensor data section, as stored in the file. */
  offset: number;
  parameters: number;
}

export interface GgufTypeStats {
  count: number;
  parameters: number;
}

export interface GgufTensorSummary {
  count: number;
  parameterCount: number;
  /** Keyed by ggml type name (F32, Q4_K, ...). */
  byType: Record<string, GgufTypeStats>;
  /** Absolute file offset where tensor data starts (header end rounded up to alignment). */
  dataOffset: number;
  /** Bytes the tensor data spans; null when a tensor uses a type whose block size is unknown. */
  dataSize: number | null;
  /** Present only with { includeTensorInfos: true }; thousands of entries for large MoE models. */
  infos?: GgufTensorInfo[];
}

export interface GgufHeader {
  filePath: string;
  fileSize: number;
  version: 2 | 3;
  tensorCount: number;
  metadata: Record<string, GgufValue>;
  alignment: number;
  tensors: GgufTensorSummary;
  architecture: string | null;
  name: string | null;
  parameterCount: number;
  fileType: { id: number | null; name: string | null };
  contextLength: number | null;
  chatTemplate: string | null;
  quantizationVersion: number | null;
}

export interface ReadGgufOptions {
  /** How many leading items of each array to keep (default 16). */
  maxArrayItems?: number;
  /** Include per-tensor infos in the result (default false). */
  includeTensorInfos?: boolean;
  /**
   * Accept a file whose header is intact but whose tensor data is cut short, e.g. to show
   * what a download in progress will be. Default false: such a file is rejected.
   */
  allowTruncatedData?: boolean;
  /** Read-buffer size in bytes (default 1 MiB); tests shrink it to exercise refills. */
  bufferSize?: number;
  /** Storage roots the file must resolve inside (default: the file's own folder). */
  roots?: string[];
}
