import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/modelyard"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** Prefix for every BullMQ key, so test runs and deployments sharing one Redis stay apart. */
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default("modelyard"),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(24 * 7),
  /** A RUNNING job whose heartbeat is older than this is treated as lost. */
  JOB_STALE_AFTER_MS: z.coerce.number().int().positive().default(30_000),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parsed once; a bad value stops the process with the variable's name and what is wrong. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
