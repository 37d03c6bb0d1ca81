/**
 * Raised when a .safetensors file (or its shard index) cannot be trusted. The message names
 * the file so that a dashboard listing many shards can point at the broken one.
 */
export class SafetensorsFormatError extends Error {
  readonly filePath: string;

  constructor(filePath: string, detail: string) {
    super(`${filePath}: invalid safetensors: ${detail}`);
    this.name = "SafetensorsFormatError";
    this.filePath = filePath;
  }
}
