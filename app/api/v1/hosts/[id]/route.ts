import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getHost } from "@/lib/hosts/queries";

export const GET = apiRoute(operations.getHost, ({ params }) => getHost(params.id));
