import { mkdir, readFile, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import { killGroup, runningProcessGroups } from "./runner/run-process";

/**
 * Child process groups outlive a worker killed with SIGKILL. The worker records the groups it
 * runs; the next start on the host kills any that are still alive and still ours.
 */
export class ProcessGroupLedger {
  private readonly file: string;

  constructor(stateDir: string, hostName: string) {
    this.file = path.join(stateDir, `worker-${hostName}`, "process-groups.json");
  }

  private writing: Promise<void> = Promise.resolve();

  /** Writes are chained so two quick changes never interleave in the temp file. */
  record(): Promise<void> {
    this.writing = this.writing.catch(() => undefined).then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, JSON.stringify(runningProcessGroups()));
      await rename(tmp, this.file);
    });
    return this.writing;
  }

  async killLeftovers(): Promise<number> {
    let groups: number[] = [];
    try {
      groups = JSON.parse(await readFile(this.file, "utf8"));
    } catch {
      return 0;
    }
    let killed = 0;
    for (const pgid of groups) {
      if (await isOurs(pgid)) killed += killGroup(pgid, "SIGKILL") ? 1 : 0;
    }
    await this.record();
    return killed;
  }
}

/** A recycled pid must not be killed: only processes started for a Modelyard job carry this marker. */
async function isOurs(pid: number): Promise<boolean> {
  try {
    const environ = await readFile(`/proc/${pid}/environ`, "utf8");
    return environ.split("\0").some((kv) => kv.startsWith("MODELYARD_JOB_ID="));
  } catch {
    return false;
  }
}
