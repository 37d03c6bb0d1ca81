import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getLineage, getModel } from "@/lib/models/queries";

export const GET = apiRoute(operations.getModel, async ({ params }) => ({ ...(await getModel(params.id)), lineage: await getLineage(params.id) }));
