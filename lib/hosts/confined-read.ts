import { constants } from "node:fs";
import { open, readlink, realpath, stat, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { JobError } from "../errors";

/** Byte caps for the files model readers open; the largest real file of each kind is far below. */
export const READ_CAPS = {
  /** config.json, generation_config.json, tokenizer_config.json (big added_tokens_decoder: a few MB). */
  jsonConfig: 32 << 20,
  /** Chat templates are ~10 KB; 1 MB is 100x the largest seen. */
  template: 1 << 20,
  /** tokenizer.json and safetensors index files list a whole vocabulary or tensor map. */
  largeJson: 64 << 20,
  /** Weights (safetensors shards, GGUF): only headers are read, each parser bounds its own header. */
  weights: Number.MAX_SAFE_INTEGER,
} as const;

export type ConfinedOptions = {
  roots: string[];
  /** Refuse (never read) a file larger than this many bytes. */
  maxBytes: number;
};

export type ConfinedFile = { handle: FileHandle; real: string; size: number };

export type ConfinedEntry = { real: string; isFile: boolean; isDirectory: boolean; size: number };

export function inside(child: string, root: string): boolean {
  return child === root || child.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** Roots with their own links resolved; missing roots are dropped. */
export async function realRoots(roots: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of roots) {
    try {
      out.push(await realpath(r));
    } catch {
      // A root that does not exist on this host cannot contain anything.
    }
  }
  return out;
}

/**
 * The target of a link that leaves the roots is none of the user's business (it may name
 * another tenant's files or system paths), so the message only says that it leaves.
 */
export function leavesRootsError(shown: string, roots: string[]): JobError {
  return new JobError(
    "path_outside_roots",
    `${shown} points outside the storage roots`,
    `Copy the file into the folder instead of linking it, or keep links inside one of: ${roots.join(", ") || "(no storage roots configured: set MODELYARD_STORAGE_ROOTS on the worker)"}`,
  );
}

function notFound(shown: string): JobError {
  return new JobError("path_not_found", `${shown} does not exist on this host`, "Check the spelling and that the files were copied to this host.");
}

function errnoError(shown: string, err: unknown): JobError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return notFound(shown);
  if (code === "EACCES" || code === "EPERM") return new JobError("path_not_readable", `${shown} is not readable by the worker`, "Fix the file permissions for the worker's user.");
  if (code === "ELOOP") return new JobError("path_link_loop", `${shown} is a link loop`, "Replace the link with the file it should point to.");
  return new JobError("path_not_readable", `${shown} cannot be read (${code ?? "unknown error"})`, "Check the file on the host.");
}

/**
 * Resolves every link in `p` and refuses a result outside the roots. Returns what the path
 * is without opening it; a missing path throws `path_not_found`.
 */
export async function statConfined(p: string, roots: string[]): Promise<ConfinedEntry> {
  const absolute = path.resolve(p);
  const allowed = await realRoots(roots);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (err) {
    throw errnoError(p, err);
  }
  if (!allowed.some((r) => inside(real, r))) throw leavesRootsError(p, roots);
  let st;
  try {
    st = await stat(real);
  } catch (err) {
    throw errnoError(p, err);
  }
  return { real, isFile: st.isFile(), isDirectory: st.isDirectory(), size: st.size };
}

/** Where the open descriptor really lives, when the platform can say (Linux /proc). */
async function openedPath(handle: FileHandle): Promise<string | null> {
  try {
    return await readlink(`/proc/self/fd/${handle.fd}`);
  } catch {
    return null;
  }
}

/**
 * Opens a regular file inside the roots for reading. The resolved path is what gets opened
 * (with O_NOFOLLOW, and O_NONBLOCK so a FIFO cannot hang the worker), and type, size and
 * location are checked again on the open descriptor, so a link swapped in between the check
 * and the open cannot redirect the read. The caller closes the handle.
 */
export async function openConfined(p: string, opts: ConfinedOptions): Promise<ConfinedFile> {
  const entry = await statConfined(p, opts.roots);
  if (!entry.isFile) {
    throw new JobError("not_a_regular_file", `${p} is not a regular file`, "Replace it with a plain file (directories, pipes and devices are not read).");
  }
  let handle: FileHandle;
  try {
    handle = await open(entry.real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOOP") throw leavesRootsError(p, opts.roots);
    throw errnoError(p, err);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      throw new JobError("not_a_regular_file", `${p} is not a regular file`, "Replace it with a plain file (directories, pipes and devices are not read).");
    }
    const where = await openedPath(handle);
    if (where !== null && where !== entry.real) {
      const allowed = await realRoots(opts.roots);
      if (!allowed.some((r) => inside(where, r))) throw leavesRootsError(p, opts.roots);
    }
    if (st.size > opts.maxBytes) {
      throw new JobError("file_too_large", `${p} is ${st.size} bytes, over the ${opts.maxBytes}-byte limit for this file`, "This file is far larger than any real one of its kind; check that it is the right file.");
    }
    return { handle, real: entry.real, size: st.size };
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}

/** Reads a whole file through `openConfined`; never more than the size fstat reported (the cap). */
export async function readConfinedText(p: string, opts: ConfinedOptions): Promise<string> {
  const f = await openConfined(p, opts);
  try {
    const buf = Buffer.alloc(f.size);
    let got = 0;
    while (got < f.size) {
      const { bytesRead } = await f.handle.read(buf, got, f.size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.toString("utf8", 0, got);
  } finally {
    await f.handle.close();
  }
}

/** `readConfinedText` plus JSON.parse; a parse failure is a `JobError` naming the file. */
export async function readConfinedJson(p: string, opts: ConfinedOptions): Promise<unknown> {
  const text = await readConfinedText(p, opts);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new JobError("invalid_json", `${p} is not valid JSON (${(e as Error).message})`, "Re-download or fix the file.");
  }
}

/**
 * Roots for a reader called without any (tests, scripts): the file's own folder, so the
 * default refuses links that leave it rather than following them anywhere.
 */
export function ownFolderRoots(file: string): string[] {
  return [path.dirname(path.resolve(file))];
}
