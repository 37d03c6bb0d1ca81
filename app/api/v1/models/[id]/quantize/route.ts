import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createJobs } from "@/lib/jobs/create-job";
import { prepareModelQuantize } from "@/lib/jobs/kinds/model-quantize";
import { getModel } from "@/lib/models/queries";

/** Queues one model.quantize job per requested type for a registered GGUF. */
export const POST = apiRoute(operations.quantizeModel, async ({ params, body, user }) => {
  const prepared = prepareModelQuantize(body, { model: await getModel(params.id) });
  return { jobs: await createJobs("model.quantize", prepared, user.id) };
});
