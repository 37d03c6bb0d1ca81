import { apiRoute } from "@/lib/api/handler";
import { getHost } from "@/lib/hosts/queries";

export const GET = apiRoute({}, ({ params }) => getHost(params.id));
