import { statfs } from "node:fs/promises";
import { JobError } from "../../../lib/errors";
import { formatBytes } from "../../../lib/tools/llama-cpp/sizes";

/**
 * Refuses to start when the output volume cannot hold the expected output(s). Keeps
 * MODELYARD_DISK_RESERVE_BYTES (default 256 MiB) free on top, so a host never fills to zero.
 */
export async function assertFreeSpace(dir: string, neededBytes: number, what: string): Promise<{ free: number; needed: number }> {
  const st = await statfs(dir);
  const free = Number(st.bavail) * Number(st.bsize);
  const reserve = Number(process.env.MODELYARD_DISK_RESERVE_BYTES ?? 256 * 2 ** 20);
  // Estimates come from typical bits per weight; small models (large vocabularies, rows that fall
  // back to wider types) come out up to ~30% larger, so check against a generous upper bound.
  const needed = Math.ceil(neededBytes * 1.3) + (Number.isFinite(reserve) && reserve > 0 ? reserve : 0);
  if (free < needed) {
    throw new JobError(
      "disk_full",
      `Not enough free disk space for ${what}: about ${formatBytes(needed)} needed (including a reserve of ${formatBytes(reserve)}), ${formatBytes(free)} free in ${dir}`,
      "Free space on that volume, or choose an output path on a disk with more room, then retry.",
    );
  }
  return { free, needed };
}
