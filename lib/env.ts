import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/modelyard"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** Prefix for every BullMQ key, so test runs and deployments sharing one Redis stay apart. */
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default("modelyard"),
  /** A session unused for this long is signed out. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(12 * 60),
  /** A session ends this long after sign-in, however active it is. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(24 * 7),
  /**
   * 1 only behind a reverse proxy that sets X-Forwarded-For and X-Forwarded-Proto: then the
   * client address for sign-in throttling is the right-most X-Forwarded-For entry.
   */
  MODELYARD_TRUST_PROXY: z.enum(["0", "1", "true", "false"]).default("0").transform((v) => v === "1" || v === "true"),
  /**
   * A job's event stream ends after this long, and EventSource reconnects with Last-Event-ID and
   * resumes without gaps: no response stays open forever through proxies and load balancers.
   */
  SSE_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** A RUNNING job whose heartbeat is older than this is treated as lost. */
  JOB_STALE_AFTER_MS: z.coerce.number().int().positive().default(30_000),
  /** A QUEUED row already handed to Redis is offered again after this long, in case Redis lost it. */
  JOB_REOFFER_AFTER_MS: z.coerce.number().int().positive().default(30_000),
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
