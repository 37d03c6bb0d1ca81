import { apiRoute } from "@/lib/api/handler";
import { getLineage, getModel } from "@/lib/models/queries";

export const GET = apiRoute({}, async ({ params }) => ({ ...(await getModel(params.id)), lineage: await getLineage(params.id) }));
