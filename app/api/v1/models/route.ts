import { apiRoute } from "@/lib/api/handler";
import { ListModelsQuerySchema, listModels } from "@/lib/models/queries";

export const GET = apiRoute({ query: ListModelsQuerySchema }, ({ query }) => listModels(query));
