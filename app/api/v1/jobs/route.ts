import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createJob } from "@/lib/jobs/create-job";
import { listJobs } from "@/lib/jobs/queries";

export const GET = apiRoute(operations.listJobs, ({ query }) => listJobs(query));
export const POST = apiRoute(operations.createJob, ({ body, user }) => createJob(body, user.id));
