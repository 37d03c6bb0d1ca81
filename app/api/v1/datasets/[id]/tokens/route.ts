import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getDataset } from "@/lib/dataset-records/queries";
import { createJobs } from "@/lib/jobs/create-job";
import { prepareDatasetTokens } from "@/lib/jobs/kinds/dataset-tokens";
import { getModel } from "@/lib/models/queries";

/** Queues dataset.tokens: token lengths with the chosen model's tokenizer and chat template. */
export const POST = apiRoute(operations.countDatasetTokens, async ({ params, body, user }) => {
  const prepared = prepareDatasetTokens(body, { dataset: await getDataset(params.id), model: await getModel(body.modelId) });
  const [job] = await createJobs("dataset.tokens", prepared, user.id);
  return { job };
});
