import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { resumeRun } from "@/lib/training/resume-run";

export const POST = apiRoute(operations.resumeRun, async ({ params, user }) => ({ job: await resumeRun(params.id, user.id) }));
