import { readdir, readFile } from "node:fs/promises";

/** Pids of live processes started for a job (the runner marks them with MODELYARD_JOB_ID). */
export async function processesOfJob(jobId: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = await readFile(`/proc/${entry}/environ`, "utf8");
      if (!environ.split("\0").includes(`MODELYARD_JOB_ID=${jobId}`)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      // Zombies are already dead; only their parent has not reaped them yet.
      if (stat.split(") ")[1]?.startsWith("Z")) continue;
      pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
