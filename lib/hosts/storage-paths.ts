import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { JobError } from "../errors";
import { inside, leavesRootsError, realRoots } from "./confined-read";

function outsideError(input: string, roots: string[]): JobError {
  return new JobError(
    "path_outside_roots",
    `${input} is outside this host's storage roots`,
    `Move or link the files under one of: ${roots.join(", ") || "(no storage roots configured: set MODELYARD_STORAGE_ROOTS on the worker)"}`,
  );
}

/** Resolves an existing path (following every link) and refuses anything outside the roots. */
export async function resolveExistingInsideRoots(input: string, roots: string[]): Promise<{ real: string; isDirectory: boolean; size: number }> {
  if (!path.isAbsolute(input)) throw new JobError("path_not_absolute", `${input} is not an absolute path`, "Give the full path on the host, starting with /.");
  const normal = path.resolve(input);
  const realRootList = await realRoots(roots);
  // Check the lexical path first so `..` escapes are refused even when the target is missing.
  if (!realRootList.some((r) => inside(normal, r)) && !roots.some((r) => inside(normal, path.resolve(r)))) {
    throw outsideError(input, roots);
  }
  let real: string;
  try {
    real = await realpath(normal);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new JobError("path_not_found", `${input} does not exist on this host`, "Check the spelling and that the files were copied to this host.");
    if (code === "EACCES") throw new JobError("path_not_readable", `${input} is not readable by the worker`, "Fix the file permissions for the worker's user.");
    throw err;
  }
  // A link's target outside the roots is not shown: it would disclose the host's other files.
  if (!realRootList.some((r) => inside(real, r))) throw leavesRootsError(input, roots);
  const st = await stat(real);
  return { real, isDirectory: st.isDirectory(), size: st.size };
}

/** For outputs that do not exist yet: the parent must exist inside a root, and the name must be plain. */
export async function resolveOutputInsideRoots(input: string, roots: string[]): Promise<string> {
  const parent = await resolveExistingInsideRoots(path.dirname(path.resolve(input)), roots);
  if (!parent.isDirectory) throw new JobError("path_not_directory", `${path.dirname(input)} is not a directory`, "Choose an output folder.");
  return path.join(parent.real, path.basename(input));
}
