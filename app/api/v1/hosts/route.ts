import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { listHosts } from "@/lib/hosts/queries";

export const GET = apiRoute(operations.listHosts, () => listHosts());
