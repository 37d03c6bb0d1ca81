import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createJobs } from "@/lib/jobs/create-job";
import { planNodeParts, prepareModelFinetune } from "@/lib/jobs/kinds/model-finetune";
import { loadFinetuneContext } from "@/lib/training/finetune-context";

/** Queues model.finetune (one part per node for a multi-node run) after the same checks the form's preview runs. */
export const POST = apiRoute(operations.finetuneModel, async ({ params, body, user }) => {
  const prepared = prepareModelFinetune(body, await loadFinetuneContext(params.id, body));
  const [job] = await createJobs("model.finetune", prepared, user.id);
  // Multi-node: the other nodes' parts are children of rank 0's job; they start together or not at all.
  for (const part of planNodeParts({ id: job.id, payload: prepared.payloads[0] }, body.nodeHostIds)) await createJobs("model.finetune", part, user.id, job.id);
  return { job };
});
