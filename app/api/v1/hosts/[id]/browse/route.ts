import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { browseHostPath } from "@/lib/hosts/browse";

export const GET = apiRoute(operations.browseHost, ({ params, query }) => browseHostPath(params.id, query.path ?? null));
