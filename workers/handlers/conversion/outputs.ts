import { link, lstat, mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { db } from "../../../lib/db/client";
import { JobError } from "../../../lib/errors";
import { resolveExistingInsideRoots, resolveOutputInsideRoots } from "../../../lib/hosts/storage-paths";
import type { JobContext } from "../../job-context";

export type PreparedOutput = { final: string; temp: string; dir: string };

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

export function outputExists(file: string, why: string): JobError {
  return new JobError("output_exists", `${file} ${why}`, "Choose another name or output path, or delete the existing model first; Modelyard never overwrites a file or a registered artifact.");
}

/** Creates `dir` when its parent lies inside the roots (one level only), then returns its real path. */
export async function ensureOutputDir(dir: string, roots: string[]): Promise<string> {
  const parent = await resolveExistingInsideRoots(path.dirname(path.resolve(dir)), roots);
  if (!parent.isDirectory) throw new JobError("path_not_directory", `${path.dirname(dir)} is not a directory`, "Choose an output folder.");
  const target = path.join(parent.real, path.basename(dir));
  await mkdir(target, { recursive: false }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "EEXIST") throw err;
  });
  const real = await resolveExistingInsideRoots(target, roots);
  if (!real.isDirectory) throw new JobError("path_not_directory", `${target} exists and is not a directory`, "Choose another output folder.");
  return real.real;
}

/**
 * Checks an output path before any work: inside the roots, no file there, no artifact registered
 * there. The tool writes to a hidden temp name beside it; publishOutput moves it into place.
 */
export async function prepareOutput(ctx: JobContext<unknown>, file: string, tag: string): Promise<PreparedOutput> {
  if (!file.toLowerCase().endsWith(".gguf")) throw new JobError("invalid_output_path", `${file} does not end in .gguf`, "Name the output file *.gguf.");
  const final = await resolveOutputInsideRoots(file, ctx.host.storageRoots);
  if (await exists(final)) throw outputExists(final, "already exists");
  const registered = await db.artifact.findUnique({ where: { hostId_path: { hostId: ctx.host.id, path: final } }, select: { id: true, name: true } });
  if (registered) throw outputExists(final, `is already registered as "${registered.name}" (${registered.id})`);
  const dir = path.dirname(final);
  await removeStaleTemps(dir);
  const temp = path.join(dir, `.modelyard-${ctx.job.id}-${tag}.partial.gguf`);
  await rm(temp, { force: true });
  return { final, temp, dir };
}

const TEMP_NAME = /^\.modelyard-([a-z0-9]+)-[a-z]+\.partial\.gguf$/;

/**
 * Temp files of jobs that are no longer running (a worker killed with SIGKILL cannot clean up
 * after itself) are removed the next time a job writes into the same folder.
 */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => TEMP_NAME.test(n));
  if (!names.length) return [];
  const ids = [...new Set(names.map((n) => TEMP_NAME.exec(n)![1]))];
  const live = new Set((await db.job.findMany({ where: { id: { in: ids }, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } })).map((j) => j.id));
  const stale = names.filter((n) => !live.has(TEMP_NAME.exec(n)![1]));
  await Promise.all(stale.map((n) => rm(path.join(dir, n), { force: true }).catch(() => undefined)));
  return stale;
}

/**
 * Moves a finished temp file to its final name without ever replacing an existing file: a hard
 * link fails with EEXIST if something appeared there meanwhile (then the temp is removed).
 */
export async function publishOutput(out: PreparedOutput): Promise<void> {
  try {
    await link(out.temp, out.final);
    await rm(out.temp, { force: true });
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      await rm(out.temp, { force: true });
      throw outputExists(out.final, "appeared while the job ran");
    }
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EXDEV") throw err;
  }
  // Filesystems without hard links: check, then rename (a narrow race instead of none).
  if (await exists(out.final)) {
    await rm(out.temp, { force: true });
    throw outputExists(out.final, "appeared while the job ran");
  }
  await rename(out.temp, out.final);
}

export async function removeQuietly(p: string | null | undefined): Promise<void> {
  if (p) await rm(p, { force: true }).catch(() => undefined);
}
