import { toolEnv } from "../../lib/hosts/tool-env";
import { gpuEnv } from "../../lib/jobs/resources";

/** A job as far as its tools' environment goes; a bare id (probes, tests) leaves GPU variables as the worker has them. */
export type EnvJob = string | { id: string; gpuIndices: readonly number[] };

/**
 * Environment for a job's tool process: the allow-listed part of the worker's, the GPUs the job
 * claimed (none claimed: none visible, so a tool cannot wander onto another job's GPU), the job's
 * own variables (they win), and the job marker.
 */
export function childEnv(job: EnvJob, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const id = typeof job === "string" ? job : job.id;
  const gpus = typeof job === "string" ? {} : gpuEnv(job.gpuIndices);
  // MODELYARD_JOB_ID lets orphan cleanup find a job's processes via /proc/<pid>/environ.
  return toolEnv(process.env, { ...gpus, ...extra, MODELYARD_JOB_ID: id });
}
