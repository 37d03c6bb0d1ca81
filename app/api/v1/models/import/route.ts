import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createJobs } from "@/lib/jobs/create-job";
import { prepareModelImport } from "@/lib/jobs/kinds/model-import";

export const POST = apiRoute(operations.importModel, async ({ body, user }) => {
  const [job] = await createJobs("model.import", prepareModelImport(body), user.id);
  return job;
});
