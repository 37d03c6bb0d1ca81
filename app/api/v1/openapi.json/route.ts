import { apiRoute } from "@/lib/api/handler";
import { buildOpenApi } from "@/lib/api/openapi";
import { operations } from "@/lib/api/operations";

// Public on purpose: the document describes the API, it exposes no data.
export const GET = apiRoute(operations.openApi, () => buildOpenApi());
