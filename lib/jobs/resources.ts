/**
 * What a job needs from its host, declared by its kind (`resources(payload)` in JOB_KINDS) and
 * recorded on the row at creation, so a claim can decide without parsing the payload again.
 */
export type ResourceNeeds = {
  /** GPU slots the job claims; its tools see exactly those devices (CUDA_VISIBLE_DEVICES). */
  gpus: number;
  /** Expected peak memory; informational until hosts schedule by memory. */
  memoryGiB?: number;
  /** The job wants the host to itself; informational until the scheduler enforces it. */
  exclusive?: boolean;
  /** Another job that also allows sharing may hold the same GPU at the same time. */
  shareGpus?: boolean;
};

export const NO_RESOURCES: ResourceNeeds = { gpus: 0 };

/** A RUNNING job on the same host, as far as GPU slots go. */
export type GpuHolder = { gpuIndices: number[]; shareGpus: boolean };

export type GpuPick = { ok: true; indices: number[] } | { ok: false; reason: string };

/**
 * Chooses GPU indices for a job: the lowest free ones. A GPU held by a job that does not share
 * is never handed out again; a sharing job may join GPUs that only sharing jobs hold, least
 * crowded first, so two sharing jobs spread out before they stack.
 */
export function pickGpus(slots: readonly number[], holders: readonly GpuHolder[], need: number, share: boolean, hostName: string): GpuPick {
  if (need <= 0) return { ok: true, indices: [] };
  if (need > slots.length) {
    const has = slots.length === 0 ? "has no usable GPU" : `has only ${slots.length} usable (${slots.join(",")})`;
    return { ok: false, reason: `needs ${need} GPU${need === 1 ? "" : "s"} but host ${hostName} ${has}; it waits until the host offers more (nvidia-smi, MODELYARD_GPU_INDICES)` };
  }
  const load = new Map<number, number>();
  const exclusive = new Set<number>();
  for (const h of holders) {
    for (const i of h.gpuIndices) {
      load.set(i, (load.get(i) ?? 0) + 1);
      if (!h.shareGpus) exclusive.add(i);
    }
  }
  const free = slots
    .filter((i) => !exclusive.has(i) && (share || !load.has(i)))
    .sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || a - b);
  if (free.length >= need) return { ok: true, indices: free.slice(0, need).sort((a, b) => a - b) };
  return {
    ok: false,
    reason: `waiting for a free GPU: needs ${need}, ${free.length} of ${slots.length} free on host ${hostName}`,
  };
}

/** Tools see only the job's GPUs, numbered as nvidia-smi numbers them; none claimed means none visible. */
export function gpuEnv(gpuIndices: readonly number[]): Record<string, string> {
  return { CUDA_VISIBLE_DEVICES: gpuIndices.join(","), CUDA_DEVICE_ORDER: "PCI_BUS_ID" };
}
