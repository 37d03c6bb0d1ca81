import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getJob } from "@/lib/jobs/queries";

export const GET = apiRoute(operations.getJob, ({ params }) => getJob(params.id));
