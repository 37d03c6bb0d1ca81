import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { listModels } from "@/lib/models/queries";

export const GET = apiRoute(operations.listModels, ({ query }) => listModels(query));
