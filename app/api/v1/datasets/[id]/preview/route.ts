import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getDataset } from "@/lib/dataset-records/queries";
import { renderDatasetPreview } from "@/lib/training/dataset-preview";
import { getModel } from "@/lib/models/queries";

export const GET = apiRoute(operations.previewDataset, async ({ params, query }) => {
  const dataset = await getDataset(params.id);
  const model = query.modelId ? await getModel(query.modelId) : null;
  return renderDatasetPreview(dataset.report, model);
});
