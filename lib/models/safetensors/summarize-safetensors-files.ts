import { readSafetensorsHeader } from "./read-safetensors-header";
import type { SafetensorsDtypeStats, SafetensorsHeader, SafetensorsModelSummary } from "./safetensors-types";

/** Headers are small, but a 100-shard model should not open 100 files at once. */
const CONCURRENCY = 4;

export interface SummarizeOptions {
  sharded?: boolean;
  indexTotalSize?: number | null;
  warnings?: string[];
  /** Storage roots every shard must resolve inside (default: each shard's own folder). */
  roots?: string[];
}

/**
 * Read the headers of a set of safetensors files and add them up as one model. Each file is
 * read once however many index entries point at it.
 */
export async function summarizeSafetensorsFiles(
  filePaths: string[],
  opts: SummarizeOptions = {},
): Promise<SafetensorsModelSummary> {
  const files = [...new Set(filePaths)];
  const headers: SafetensorsHeader[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      headers[i] = await readSafetensorsHeader(files[i]!, { roots: opts.roots });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));

  const dtypes: Record<string, SafetensorsDtypeStats> = {};
  let parameterCount = 0;
  let tensorCount = 0;
  let totalFileSize = 0;
  let metadata: Record<string, string> | null = null;
  for (const h of headers) {
    parameterCount += h.parameterCount;
    tensorCount += h.tensorCount;
    totalFileSize += h.fileSize;
    metadata ??= h.metadata;
    for (const [dtype, s] of Object.entries(h.dtypes)) {
      const acc = (dtypes[dtype] ??= { count: 0, parameters: 0 });
      acc.count += s.count;
      acc.parameters += s.parameters;
    }
  }
  let dominantDtype: string | null = null;
  for (const [dtype, s] of Object.entries(dtypes)) {
    if (dominantDtype === null || s.parameters > dtypes[dominantDtype]!.parameters) dominantDtype = dtype;
  }

  return {
    files,
    sharded: opts.sharded ?? false,
    totalFileSize,
    indexTotalSize: opts.indexTotalSize ?? null,
    tensorCount,
    parameterCount,
    dtypes,
    dominantDtype,
    metadata,
    warnings: opts.warnings ?? [],
    headers,
  };
}
