import { apiRoute } from "@/lib/api/handler";
import { listHosts } from "@/lib/hosts/queries";

export const GET = apiRoute({}, () => listHosts());
