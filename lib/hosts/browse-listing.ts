import { lstat, opendir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { AppError, JobError } from "../errors";
import { BROWSE_ENTRY_LIMIT, type BrowseEntry, type BrowseListing } from "./browse-protocol";
import { inside, realRoots } from "./confined-read";
import { resolveExistingInsideRoots } from "./storage-paths";

/** Entries are stat'ed this many at a time: a slow network mount answers in parallel, an fd limit is never near. */
const STAT_BATCH = 32;

/** Shard names (model-00002-of-00010) and checkpoints sort as people count. */
const byName = new Intl.Collator("en", { numeric: true }).compare;

/** Names a job path cannot carry (control characters, bytes that are not UTF-8): shown, never offered. */
const UNUSABLE_NAME = /[\u0000-\u001f\ufffd]/;

/**
 * What a worker answers when someone browses its host: the storage roots for `null`, otherwise
 * the directory's entries. Confined like every other read (`confined-read.ts`): the directory
 * must resolve inside the roots with links followed, and an entry that is a link leaving the
 * roots is listed as `outside` without its target being looked at.
 */
export async function listHostPath(requested: string | null, roots: string[]): Promise<BrowseListing> {
  if (requested === null) return listRoots(roots);
  try {
    return await listDirectory(requested, roots);
  } catch (err) {
    throw err instanceof AppError ? err : fsError(requested, err);
  }
}

async function listRoots(roots: string[]): Promise<BrowseListing> {
  const entries = await Promise.all(
    roots.map(async (root): Promise<BrowseEntry> => {
      try {
        const st = await stat(root);
        return { name: root, path: root, type: st.isDirectory() ? "dir" : "other", sizeBytes: null, modifiedAt: st.mtime.toISOString() };
      } catch {
        // A root missing on this host is still shown, so the listing explains the configuration.
        return { name: root, path: root, type: "other", sizeBytes: null, modifiedAt: null };
      }
    }),
  );
  return { path: null, parent: null, roots, entries, truncated: false };
}

async function listDirectory(requested: string, roots: string[]): Promise<BrowseListing> {
  const dir = await resolveExistingInsideRoots(requested, roots);
  if (!dir.isDirectory) {
    throw new JobError("path_not_directory", `${requested} is not a directory`, "Open the folder that holds it instead.");
  }
  // The lexical path is what the user sees and what jobs resolve again; the real one is what is read.
  const shown = path.resolve(requested);
  const allowed = await realRoots(roots);

  const names: string[] = [];
  let truncated = false;
  for await (const d of await opendir(dir.real, { bufferSize: 256 })) {
    if (names.length === BROWSE_ENTRY_LIMIT) {
      truncated = true;
      break;
    }
    names.push(d.name);
  }

  const entries: BrowseEntry[] = [];
  for (let i = 0; i < names.length; i += STAT_BATCH) {
    const batch = await Promise.all(names.slice(i, i + STAT_BATCH).map((name) => describeEntry(dir.real, shown, name, allowed)));
    for (const e of batch) if (e) entries.push(e);
  }
  entries.sort((a, b) => Number(b.type === "dir") - Number(a.type === "dir") || byName(a.name, b.name));

  const isRoot = allowed.includes(shown) || roots.some((r) => path.resolve(r) === shown);
  return { path: shown, parent: isRoot ? null : path.dirname(shown), roots, entries, truncated };
}

/** null when the entry vanished between the listing and its stat. */
async function describeEntry(realDir: string, shownDir: string, name: string, allowed: string[]): Promise<BrowseEntry | null> {
  const shown = path.join(shownDir, name);
  const other = (extra: Partial<BrowseEntry> = {}): BrowseEntry => ({ name, path: shown, type: "other", sizeBytes: null, modifiedAt: null, ...extra });
  if (UNUSABLE_NAME.test(name)) return other();
  const full = path.join(realDir, name);
  let st;
  try {
    st = await lstat(full);
  } catch {
    return null;
  }
  if (st.isSymbolicLink()) {
    let target: string;
    try {
      target = await realpath(full);
    } catch {
      return other(); // broken link or loop
    }
    // Never stat a target outside the roots: even its type or size would say something about it.
    if (!allowed.some((r) => inside(target, r))) return other({ outside: true });
    try {
      st = await stat(target);
    } catch {
      return null;
    }
  }
  const modifiedAt = st.mtime.toISOString();
  if (st.isDirectory()) return { name, path: shown, type: "dir", sizeBytes: null, modifiedAt };
  if (st.isFile()) return { name, path: shown, type: "file", sizeBytes: st.size, modifiedAt };
  return other({ modifiedAt });
}

/** Errno failures that the shared path checks leave as plain errors, in the same `{code, message, hint}` terms. */
function fsError(shown: string, err: unknown): JobError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT" || code === "ENOTDIR" || code === "ENAMETOOLONG") {
    return new JobError("path_not_found", `${shown} does not exist on this host`, "Check the spelling, or browse from a storage root.");
  }
  if (code === "EACCES" || code === "EPERM") return new JobError("path_not_readable", `${shown} is not readable by the worker`, "Fix the folder's permissions for the worker's user.");
  if (code === "ELOOP") return new JobError("path_link_loop", `${shown} is a link loop`, "Replace the link with the folder it should point to.");
  return new JobError("path_not_readable", `${shown} cannot be listed (${code ?? "unknown error"})`, "Check the folder on the host.");
}
