/** Defensive readers for the host JSON columns (written by workers of any version). */

export type HostSystem = {
  platform: string | null;
  cpuModel: string | null;
  cpuCount: number | null;
  loadAvg: number[];
  memTotalBytes: number | null;
  memFreeBytes: number | null;
  disks: { root: string; totalBytes: number; freeBytes: number }[];
};
export type HostGpu = { index: number; name: string; memoryTotalMiB: number; memoryUsedMiB: number; utilizationPct: number };
export type HostTool = { name: string; available: boolean; version: string | null; path: string | null; detail: string | null };

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function readSystem(value: unknown): HostSystem {
  const s = rec(value);
  const disks = Array.isArray(s.disks) ? s.disks : [];
  return {
    platform: str(s.platform),
    cpuModel: str(s.cpuModel),
    cpuCount: num(s.cpuCount),
    loadAvg: Array.isArray(s.loadAvg) ? s.loadAvg.map((x) => num(x) ?? 0) : [],
    // Older workers wrote memTotal/memFree and total/free (see the schema comment).
    memTotalBytes: num(s.memTotalBytes) ?? num(s.memTotal),
    memFreeBytes: num(s.memFreeBytes) ?? num(s.memFree),
    disks: disks.map((d) => {
      const r = rec(d);
      return { root: str(r.root) ?? "?", totalBytes: num(r.totalBytes) ?? num(r.total) ?? 0, freeBytes: num(r.freeBytes) ?? num(r.free) ?? 0 };
    }),
  };
}

export function readGpus(value: unknown): HostGpu[] {
  if (!Array.isArray(value)) return [];
  return value.map((g, i) => {
    const r = rec(g);
    return {
      index: num(r.index) ?? i,
      name: str(r.name) ?? "GPU",
      memoryTotalMiB: num(r.memoryTotalMiB) ?? 0,
      memoryUsedMiB: num(r.memoryUsedMiB) ?? 0,
      utilizationPct: num(r.utilizationPct) ?? 0,
    };
  });
}

export function readTools(value: unknown): HostTool[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((t) => {
      const r = rec(t);
      return {
        name: str(r.name) ?? "?",
        available: r.available === true,
        version: str(r.version),
        path: str(r.path),
        detail: str(r.detail),
      };
    })
    .sort((a, b) => Number(b.available) - Number(a.available) || a.name.localeCompare(b.name));
}
