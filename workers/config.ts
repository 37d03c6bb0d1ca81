import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { QUEUE_KINDS, type QueueKind } from "../lib/queue/names";

const list = (sep: RegExp) => (s: string) => s.split(sep).map((x) => x.trim()).filter(Boolean);

const WorkerConfigSchema = z.object({
  MODELYARD_WORKER_TOKEN: z.string({ error: "MODELYARD_WORKER_TOKEN is required: create one on the Hosts page or with `npm run worker-token`" }).min(10),
  MODELYARD_HOST_NAME: z.string().regex(/^[\w.-]{1,100}$/, "letters, digits, . _ - only").default(os.hostname()),
  MODELYARD_STORAGE_ROOTS: z
    .string({ error: "MODELYARD_STORAGE_ROOTS is required: the folders (colon-separated) this worker may read and write" })
    .transform(list(/[:,]/))
    .pipe(z.array(z.string().refine((p) => path.isAbsolute(p), "storage roots must be absolute paths")).min(1)),
  MODELYARD_LABELS: z.string().default("").transform(list(/,/)),
  MODELYARD_QUEUES: z.string().default(QUEUE_KINDS.join(",")).transform(list(/,/)).pipe(z.array(z.enum(QUEUE_KINDS)).min(1)),
  MODELYARD_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** `host-io=4,gpu-train=1`: jobs at once per queue; unnamed queues fall back (see queueConcurrency). */
  MODELYARD_QUEUE_CONCURRENCY: z.string().default("").transform(list(/,/)).transform((items, ctx) => {
    const out: Partial<Record<QueueKind, number>> = {};
    for (const item of items) {
      const m = /^([\w-]+)\s*=\s*(\d+)$/.exec(item);
      const queue = m?.[1] as QueueKind | undefined;
      const n = Number(m?.[2]);
      if (!m || !QUEUE_KINDS.includes(queue!) || n < 1 || n > 64) {
        ctx.addIssue({ code: "custom", message: `"${item}" is not <queue>=<1..64> with a queue among ${QUEUE_KINDS.join(", ")}` });
        return z.NEVER;
      }
      out[queue!] = n;
    }
    return out;
  }),
  /** Which GPUs (nvidia-smi indices, e.g. `0,1`) this worker may hand to jobs; unset = all it detects. */
  MODELYARD_GPU_INDICES: z
    .string()
    .regex(/^[\d,\s]*$/, "a comma-separated list of GPU indices such as 0,1")
    .transform((s) => list(/,/)(s).map(Number))
    .pipe(z.array(z.number().int().min(0).max(63)).refine((a) => new Set(a).size === a.length, "GPU indices must not repeat"))
    .optional(),
  /** The address other hosts reach this one at (an IP or DNS name): multi-node fine-tunes rendezvous there. */
  MODELYARD_HOST_ADDRESS: z
    .string()
    .regex(/^[A-Za-z0-9.:-]{1,253}$/, "an IP address or host name")
    .optional(),
  MODELYARD_HEARTBEAT_MS: z.coerce.number().int().min(200).max(60_000).default(2_000),
  MODELYARD_KILL_GRACE_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  MODELYARD_STATE_DIR: z.string().default(path.join(os.homedir(), ".modelyard")),
});

export type WorkerConfig = z.infer<typeof WorkerConfigSchema>;

export function readWorkerConfig(source: Record<string, string | undefined> = process.env): WorkerConfig {
  const parsed = WorkerConfigSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Worker configuration is invalid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/**
 * The GPU slots this worker hands out. With GPUs detected, MODELYARD_GPU_INDICES may only narrow
 * them (a typo must not give a job a device that does not exist); without any (no nvidia-smi) it
 * is taken as given, which is also how a CPU machine gets slots for tests.
 */
export function usableGpuSlots(cfg: Pick<WorkerConfig, "MODELYARD_GPU_INDICES">, detected: readonly number[]): number[] {
  const asked = cfg.MODELYARD_GPU_INDICES;
  if (asked === undefined) return [...detected].sort((a, b) => a - b);
  if (detected.length > 0) {
    const unknown = asked.filter((i) => !detected.includes(i));
    if (unknown.length) throw new Error(`MODELYARD_GPU_INDICES names GPU ${unknown.join(", ")}, but nvidia-smi reports only ${detected.join(", ")}`);
  }
  return [...asked].sort((a, b) => a - b);
}

/**
 * Jobs at once per queue: what MODELYARD_QUEUE_CONCURRENCY names, else gpu-train runs one job
 * per usable GPU (at least one), else MODELYARD_CONCURRENCY.
 */
export function queueConcurrency(cfg: Pick<WorkerConfig, "MODELYARD_QUEUES" | "MODELYARD_QUEUE_CONCURRENCY" | "MODELYARD_CONCURRENCY">, gpuSlots: readonly number[]): Record<QueueKind, number> {
  const out = {} as Record<QueueKind, number>;
  for (const q of cfg.MODELYARD_QUEUES) {
    out[q] = cfg.MODELYARD_QUEUE_CONCURRENCY[q] ?? (q === "gpu-train" ? Math.max(1, gpuSlots.length) : cfg.MODELYARD_CONCURRENCY);
  }
  return out;
}
