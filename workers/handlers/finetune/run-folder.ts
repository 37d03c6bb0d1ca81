import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { JobError } from "../../../lib/errors";
import { realRoots } from "../../../lib/hosts/confined-read";
import { resolveExistingInsideRoots } from "../../../lib/hosts/storage-paths";

/**
 * Every attempt of a run writes into `<first storage root>/runs/<runId>`: LLaMA-Factory's
 * output_dir, with its checkpoints, trainer_log.jsonl and Modelyard's generated files.
 * No spaces can appear in it, because torchrun re-splits LLaMA-Factory's arguments on whitespace.
 */
export async function runFolder(runId: string, roots: string[]): Promise<string> {
  const [root] = await realRoots(roots);
  if (!root) throw new JobError("no_storage_roots", "This host has no storage roots", "Set MODELYARD_STORAGE_ROOTS on the worker.");
  if (/\s/.test(root)) {
    throw new JobError("root_has_spaces", `The storage root ${root} contains whitespace`, "torchrun splits LLaMA-Factory's arguments on spaces: use a storage root path without spaces.");
  }
  const dir = path.join(root, "runs", runId);
  await mkdir(dir, { recursive: true });
  return (await resolveExistingInsideRoots(dir, roots)).real;
}

/** The newest `checkpoint-<step>` folder in a run's output_dir, or null. */
export async function latestCheckpoint(outputDir: string, roots: string[]): Promise<{ path: string; step: number } | null> {
  let names: string[];
  try {
    names = await readdir(outputDir);
  } catch {
    return null;
  }
  const steps = names
    .map((n) => /^checkpoint-(\d+)$/.exec(n))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ name: m[0], step: Number(m[1]) }))
    .sort((a, b) => b.step - a.step);
  for (const s of steps) {
    try {
      const c = await resolveExistingInsideRoots(path.join(outputDir, s.name), roots);
      if (c.isDirectory) return { path: c.real, step: s.step };
    } catch {
      // a checkpoint link that leaves the roots is never resumed from
    }
  }
  return null;
}
