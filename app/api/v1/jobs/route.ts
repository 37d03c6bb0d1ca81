import { apiRoute } from "@/lib/api/handler";
import { CreateJobInputSchema, createJob } from "@/lib/jobs/create-job";
import { ListJobsQuerySchema, listJobs } from "@/lib/jobs/queries";

export const GET = apiRoute({ query: ListJobsQuerySchema }, ({ query }) => listJobs(query));
export const POST = apiRoute({ body: CreateJobInputSchema }, ({ body, user }) => createJob(body, user.id));
