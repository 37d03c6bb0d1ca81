import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getDataset, runsUsingDataset } from "@/lib/dataset-records/queries";

export const GET = apiRoute(operations.getDataset, async ({ params }) => ({ ...(await getDataset(params.id)), runs: await runsUsingDataset(params.id) }));
