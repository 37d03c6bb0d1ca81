import path from "node:path";
import { z } from "zod";
import { ownFolderRoots, READ_CAPS, readConfinedText } from "../../hosts/confined-read";
import { SafetensorsFormatError } from "./safetensors-format-error";
import type { SafetensorsModelSummary } from "./safetensors-types";
import { summarizeSafetensorsFiles } from "./summarize-safetensors-files";

const IndexSchema = z.object({
  metadata: z.looseObject({ total_size: z.union([z.number(), z.string()]).optional() }).nullish(),
  weight_map: z.record(z.string(), z.string().min(1)),
});

/**
 * Summarise a sharded model from its `model.safetensors.index.json`: every distinct shard
 * the weight map names is read once and the results are added up. Tensors the index
 * assigns to a shard that does not contain them are reported as warnings, since that
 * usually means shards from different revisions were mixed. The index and every shard must
 * resolve inside `roots` (default: the index's own folder).
 */
export async function readSafetensorsIndex(indexPath: string, opts: { roots?: string[] } = {}): Promise<SafetensorsModelSummary> {
  const fail = (detail: string) => new SafetensorsFormatError(indexPath, detail);
  const roots = opts.roots ?? ownFolderRoots(indexPath);
  // Index files list every tensor name; even a 1T-parameter model's index is a few MB.
  const text = await readConfinedText(indexPath, { roots, maxBytes: READ_CAPS.largeJson });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw fail(`index is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = IndexSchema.safeParse(raw);
  if (!parsed.success) throw fail("index needs a weight_map object mapping tensor names to shard file names");

  const dir = path.dirname(path.resolve(indexPath));
  const byShard = new Map<string, string[]>();
  for (const [tensor, shard] of Object.entries(parsed.data.weight_map)) {
    const resolved = path.resolve(dir, shard);
    // The index comes from the internet; never let it point readers outside the model dir.
    if (path.dirname(resolved) !== dir) throw fail(`weight_map points tensor "${tensor}" outside the model directory: "${shard}"`);
    let list = byShard.get(resolved);
    if (!list) byShard.set(resolved, (list = []));
    list.push(tensor);
  }
  if (byShard.size === 0) throw fail("weight_map is empty");

  const files = [...byShard.keys()].sort();
  const totalRaw = parsed.data.metadata?.total_size;
  const indexTotalSize = totalRaw === undefined ? null : Number(totalRaw);
  const summary = await summarizeSafetensorsFiles(files, {
    sharded: true,
    indexTotalSize: Number.isFinite(indexTotalSize) ? indexTotalSize : null,
    roots,
  });

  for (const header of summary.headers) {
    const present = new Set(header.tensors.map((t) => t.name));
    const missing = (byShard.get(header.filePath) ?? []).filter((t) => !present.has(t));
    if (missing.length > 0) {
      summary.warnings.push(
        `${path.basename(header.filePath)} lacks ${missing.length} tensor(s) the index assigns to it, e.g. "${missing[0]}"`,
      );
    }
  }
  return summary;
}
