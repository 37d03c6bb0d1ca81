import { toolEnv } from "../../lib/hosts/tool-env";

/** Environment for a job's tool process: the allow-listed part of the worker's, the job's own variables, and the job marker. */
export function childEnv(jobId: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  // MODELYARD_JOB_ID lets orphan cleanup find a job's processes via /proc/<pid>/environ.
  return toolEnv(process.env, { ...extra, MODELYARD_JOB_ID: jobId });
}
