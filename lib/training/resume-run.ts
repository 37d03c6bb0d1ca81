import { AppError } from "../errors";
import { createJobs } from "../jobs/create-job";
import { ModelFinetunePayloadSchema } from "../jobs/kinds/model-finetune";
import { db } from "../db/client";
import { getFinetuneJob, nodeRankOf, runAttempts, runIdOf } from "./run-metrics";

/**
 * A new attempt of the same run: same payload and output folder, `resume: true`, so the worker
 * continues from the newest checkpoint. Only one attempt of a run may be queued or running.
 */
export async function resumeRun(jobId: string, userId: string) {
  const job = await getFinetuneJob(jobId);
  const runId = runIdOf(job);
  const attempts = await runAttempts(runId);
  const active = attempts.find((a) => a.status === "QUEUED" || a.status === "RUNNING");
  if (active) throw new AppError(409, "run_active", `Attempt ${active.id} of this run is still ${active.status.toLowerCase()}`, "Wait for it to end, or cancel it first.");
  const last = attempts[attempts.length - 1];
  if (last.status === "SUCCEEDED") throw new AppError(409, "run_finished", "The run already finished", "Clone the run to train again with other settings.");
  const payload = ModelFinetunePayloadSchema.parse(last.payload);
  const [created] = await createJobs("model.finetune", { hostId: last.hostId, payloads: [{ ...payload, runId, resume: true }] }, userId, last.id);
  // A multi-node attempt resumes on the same nodes: new parts as children of the new rank-0 job.
  const parts = await db.job.findMany({ where: { parentJobId: last.id, kind: "model.finetune" }, orderBy: { createdAt: "asc" }, select: { hostId: true, payload: true } });
  for (const part of parts) {
    if (nodeRankOf(part.payload) === 0) continue;
    await createJobs("model.finetune", { hostId: part.hostId, payloads: [{ ...ModelFinetunePayloadSchema.parse(part.payload), runId, resume: true }] }, userId, created.id);
  }
  return created;
}
