import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { listDatasets } from "@/lib/dataset-records/queries";

export const GET = apiRoute(operations.listDatasets, ({ query }) => listDatasets(query));
