/** The worker's own secrets and connection strings; tools never need them and may log their env. */
const WITHHELD = ["MODELYARD_WORKER_TOKEN", "DATABASE_URL", "REDIS_URL", "MODELYARD_ADMIN_PASSWORD"];

/** Environment for a job's tool process: the worker's, minus secrets, plus the job marker. */
export function childEnv(jobId: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra, MODELYARD_JOB_ID: jobId } as NodeJS.ProcessEnv;
  for (const key of WITHHELD) delete env[key];
  return env;
}
