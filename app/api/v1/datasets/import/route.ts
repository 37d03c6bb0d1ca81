import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createJobs } from "@/lib/jobs/create-job";
import { prepareDatasetImport } from "@/lib/jobs/kinds/dataset-import";

/** Queues dataset.import for a file (or a dataset_info.json) already on the host. */
export const POST = apiRoute(operations.importDataset, async ({ body, user }) => {
  const [job] = await createJobs("dataset.import", prepareDatasetImport(body), user.id);
  return { job };
});
