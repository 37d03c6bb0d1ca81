import { apiRoute } from "@/lib/api/handler";
import { getJob } from "@/lib/jobs/queries";

export const GET = apiRoute({}, ({ params }) => getJob(params.id));
