import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createJobs } from "@/lib/jobs/create-job";
import { prepareModelFinetune } from "@/lib/jobs/kinds/model-finetune";
import { loadFinetuneContext } from "@/lib/training/finetune-context";

/** Queues model.finetune after the same checks the form's preview runs. */
export const POST = apiRoute(operations.finetuneModel, async ({ params, body, user }) => {
  const prepared = prepareModelFinetune(body, await loadFinetuneContext(params.id, body));
  const [job] = await createJobs("model.finetune", prepared, user.id);
  return { job };
});
