import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createJobs } from "@/lib/jobs/create-job";
import { prepareModelExport } from "@/lib/jobs/kinds/model-export";
import { getModel } from "@/lib/models/queries";

export const POST = apiRoute(operations.exportModel, async ({ params, body, user }) => {
  const model = await getModel(params.id);
  const base = model.parentId ? await getModel(model.parentId) : null;
  const [job] = await createJobs("model.export", prepareModelExport(body, { model, base }), user.id);
  return { job };
});
