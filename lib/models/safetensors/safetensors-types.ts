export interface SafetensorsTensor {
  name: string;
  dtype: string;
  shape: number[];
  parameters: number;
  /** [begin, end) relative to the start of the data section, as stored in the header. */
  dataOffsets: [number, number];
}

export interface SafetensorsDtypeStats {
  count: number;
  parameters: number;
}

export interface SafetensorsHeader {
  filePath: string;
  fileSize: number;
  /** Length of the JSON header, excluding the 8-byte length prefix. */
  headerSize: number;
  tensorCount: number;
  tensors: SafetensorsTensor[];
  parameterCount: number;
  /** Keyed by safetensors dtype (F32, BF16, ...). */
  dtypes: Record<string, SafetensorsDtypeStats>;
  /** The header's `__metadata__` string map, or null when absent. */
  metadata: Record<string, string> | null;
}

export interface SafetensorsModelSummary {
  /** Absolute paths of the weight files read, in a stable order. */
  files: string[];
  sharded: boolean;
  /** Sum of the weight files' sizes on disk. */
  totalFileSize: number;
  /** `metadata.total_size` from the shard index (bytes of tensor data), when given. */
  indexTotalSize: number | null;
  tensorCount: number;
  parameterCount: number;
  dtypes: Record<string, SafetensorsDtypeStats>;
  /** The dtype holding the most parameters: what people mean by "the model is BF16". */
  dominantDtype: string | null;
  /** `__metadata__` of the first file that has one (shards normally repeat the same map). */
  metadata: Record<string, string> | null;
  /** Inconsistencies that do not stop reading, e.g. an index naming a tensor its shard lacks. */
  warnings: string[];
  headers: SafetensorsHeader[];
}
