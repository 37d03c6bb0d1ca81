import { execFile } from "node:child_process";
import { statfs } from "node:fs/promises";
import os from "node:os";
import { promisify } from "node:util";

const run = promisify(execFile);

export type GpuInfo = { index: number; name: string; memoryTotalMiB: number; memoryUsedMiB: number; utilizationPct: number };
export type DiskInfo = { root: string; totalBytes: number; freeBytes: number };
export type SystemInfo = {
  platform: string;
  cpuModel: string;
  cpuCount: number;
  loadAvg: number[];
  memTotalBytes: number;
  memFreeBytes: number;
  disks: DiskInfo[];
};

export async function readSystemInfo(storageRoots: string[]): Promise<SystemInfo> {
  const disks: DiskInfo[] = [];
  for (const root of storageRoots) {
    try {
      const s = await statfs(root);
      disks.push({ root, totalBytes: s.blocks * s.bsize, freeBytes: s.bavail * s.bsize });
    } catch {
      disks.push({ root, totalBytes: 0, freeBytes: 0 });
    }
  }
  const cpus = os.cpus();
  return {
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? "unknown",
    cpuCount: cpus.length,
    loadAvg: os.loadavg(),
    memTotalBytes: os.totalmem(),
    memFreeBytes: os.freemem(),
    disks,
  };
}

/** Parses `nvidia-smi --query-gpu=index,name,memory.total,memory.used,utilization.gpu --format=csv,noheader,nounits`. */
export function parseNvidiaSmi(csv: string): GpuInfo[] {
  return csv
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [index, name, total, used, util] = line.split(",").map((s) => s.trim());
      const num = (s: string) => (Number.isFinite(Number(s)) ? Number(s) : 0);
      return { index: num(index), name, memoryTotalMiB: num(total), memoryUsedMiB: num(used), utilizationPct: num(util) };
    });
}

/** No nvidia-smi (CPU host) is an empty list, not an error. */
export async function readGpus(): Promise<GpuInfo[]> {
  try {
    const { stdout } = await run("nvidia-smi", ["--query-gpu=index,name,memory.total,memory.used,utilization.gpu", "--format=csv,noheader,nounits"], { timeout: 5_000 });
    return parseNvidiaSmi(stdout);
  } catch {
    return [];
  }
}
