import { apiRoute } from "@/lib/api/handler";
import { cancelJob } from "@/lib/jobs/cancel";

export const POST = apiRoute({}, ({ params }) => cancelJob(params.id));
