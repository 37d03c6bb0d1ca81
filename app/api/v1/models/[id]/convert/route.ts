import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createJobs } from "@/lib/jobs/create-job";
import { prepareModelConvert } from "@/lib/jobs/kinds/model-convert";
import { getModel } from "@/lib/models/queries";

/** Queues model.convert for a registered HF model; the answer carries the plan the form shows. */
export const POST = apiRoute(operations.convertModel, async ({ params, body, user }) => {
  const prepared = prepareModelConvert(body, { model: await getModel(params.id) });
  const [job] = await createJobs("model.convert", prepared, user.id);
  return { job, plan: prepared.plan };
});
