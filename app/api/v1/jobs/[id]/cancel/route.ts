import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { cancelJob } from "@/lib/jobs/cancel";

export const POST = apiRoute(operations.cancelJob, ({ params }) => cancelJob(params.id));
