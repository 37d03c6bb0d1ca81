import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { QUEUE_KINDS } from "../lib/queue/names";

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
  MODELYARD_HEARTBEAT_MS: z.coerce.number().int().min(200).max(60_000).default(2_000),
  MODELYARD_KILL_GRACE_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  MODELYARD_STATE_DIR: z.string().default(path.join(os.homedir(), ".modelyard")),
});

export type WorkerConfig = z.infer<typeof WorkerConfigSchema>;

export function readWorkerConfig(source: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = WorkerConfigSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Worker configuration is invalid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
