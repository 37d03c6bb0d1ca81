import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { statConfined } from "../../hosts/confined-read";

export interface DirSize {
  sizeBytes: number;
  fileCount: number;
  /** False when a bound cut the walk short, making sizeBytes a lower bound. */
  complete: boolean;
}

export interface MeasureDirOptions {
  /** Levels below `dir` to descend into (default 3). */
  maxDepth?: number;
  /** Directory entries to look at in total (default 20,000). */
  maxEntries?: number;
  /** File links are counted only when they resolve inside these (default: `dir` itself). */
  roots?: string[];
}

/**
 * Bounded size of a directory tree. File symlinks are followed because Hugging Face cache
 * snapshots are made of links into a blobs folder, but only when they stay inside the
 * storage roots (a link out of them is not even stat-ed for its size); directory symlinks are
 * not followed, so a link cycle or a link to "/" cannot turn this into a disk-wide crawl.
 */
export async function measureDirSize(dir: string, opts: MeasureDirOptions = {}): Promise<DirSize> {
  const maxDepth = opts.maxDepth ?? 3;
  let budget = opts.maxEntries ?? 20_000;
  let sizeBytes = 0;
  let fileCount = 0;
  let complete = true;
  const roots = opts.roots ?? [dir];

  const walk = async (current: string, depth: number): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      if (budget-- <= 0) {
        complete = false;
        return;
      }
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (depth < maxDepth) await walk(full, depth + 1);
        else complete = false;
        continue;
      }
      if (entry.isFile()) {
        const st = await lstat(full).catch(() => null); // removed while walking: nothing to count
        if (st?.isFile()) {
          sizeBytes += st.size;
          fileCount += 1;
        }
      } else if (entry.isSymbolicLink()) {
        // Dangling or leaving the roots: nothing on this host's storage to count.
        const st = await statConfined(full, roots).catch(() => null);
        if (st?.isFile) {
          sizeBytes += st.size;
          fileCount += 1;
        }
      }
    }
  };
  await walk(dir, 0);
  return { sizeBytes, fileCount, complete };
}
