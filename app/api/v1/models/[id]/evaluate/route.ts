import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createJobs } from "@/lib/jobs/create-job";
import { prepareModelEvaluate } from "@/lib/jobs/kinds/model-evaluate";
import { getModel } from "@/lib/models/queries";

/** Queues model.evaluate: perplexity of a GGUF on a held-out text file on its host. */
export const POST = apiRoute(operations.evaluateModel, async ({ params, body, user }) => {
  const prepared = prepareModelEvaluate(body, { model: await getModel(params.id) });
  const [job] = await createJobs("model.evaluate", prepared, user.id);
  return { job };
});
