import { createHash } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Dataset } from "../../../lib/db/client";
import type { DatasetInfoEntry } from "../../../lib/datasets/dataset-info";
import { JobError } from "../../../lib/errors";
import { realRoots } from "../../../lib/hosts/confined-read";
import { resolveExistingInsideRoots } from "../../../lib/hosts/storage-paths";

/** The name a registered dataset has inside a run's generated dataset_info.json. */
export const lfDatasetName = (d: { id: string }) => `ds_${d.id}`;

/**
 * Writes the dataset_info.json a run reads (LLaMA-Factory's `dataset_dir`): one entry per dataset,
 * generated from the stored entry with `file_name` pointing at the registered file (re-resolved
 * inside the roots now, since files can change after registration). Nobody types this file.
 * The folder is named by its content, under `<first root>/datasets/.llamafactory/`: runs on the
 * same datasets share it, so the Hugging Face datasets cache of their tokenized data is reused
 * as it is when one re-runs the same YAML by hand (a folder per run re-tokenized every time).
 */
export async function writeDatasetDir(roots: string[], datasets: Dataset[]): Promise<string> {
  const info: Record<string, DatasetInfoEntry> = {};
  for (const d of datasets) {
    const file = await resolveExistingInsideRoots(d.path, roots);
    if (file.isDirectory) throw new JobError("dataset_not_a_file", `Dataset ${d.name} (${d.path}) is now a folder`, "Register the dataset file again.");
    info[lfDatasetName(d)] = { ...(d.entry as DatasetInfoEntry), file_name: file.real };
  }
  const text = JSON.stringify(info, null, 2);
  const [root] = await realRoots(roots);
  if (!root) throw new JobError("no_storage_roots", "This host has no storage roots", "Set MODELYARD_STORAGE_ROOTS on the worker.");
  const dir = path.join(root, "datasets", ".llamafactory", createHash("sha256").update(text).digest("hex").slice(0, 16));
  await mkdir(dir, { recursive: true });
  const target = path.join((await resolveExistingInsideRoots(dir, roots)).real, "dataset_info.json");
  // Written whole under a temp name and renamed: a run reading it never sees half a file.
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, text);
  await rename(temp, target);
  return path.dirname(target);
}
