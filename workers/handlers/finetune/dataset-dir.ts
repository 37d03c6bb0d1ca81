import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Dataset } from "../../../lib/db/client";
import type { DatasetInfoEntry } from "../../../lib/datasets/dataset-info";
import { JobError } from "../../../lib/errors";
import { resolveExistingInsideRoots } from "../../../lib/hosts/storage-paths";

/** The name a registered dataset has inside a run's generated dataset_info.json. */
export const lfDatasetName = (d: { id: string }) => `ds_${d.id}`;

/**
 * Writes the run's own dataset_info.json (LLaMA-Factory's `dataset_dir`): one entry per dataset,
 * generated from the stored entry with `file_name` pointing at the registered file (re-resolved
 * inside the roots now, since files can change after registration). Nobody types this file.
 */
export async function writeDatasetDir(outputDir: string, datasets: Dataset[], roots: string[]): Promise<string> {
  const dir = path.join(outputDir, "dataset");
  await mkdir(dir, { recursive: true });
  const info: Record<string, DatasetInfoEntry> = {};
  for (const d of datasets) {
    const file = await resolveExistingInsideRoots(d.path, roots);
    if (file.isDirectory) throw new JobError("dataset_not_a_file", `Dataset ${d.name} (${d.path}) is now a folder`, "Register the dataset file again.");
    info[lfDatasetName(d)] = { ...(d.entry as DatasetInfoEntry), file_name: file.real };
  }
  await writeFile(path.join(dir, "dataset_info.json"), JSON.stringify(info, null, 2));
  return dir;
}
