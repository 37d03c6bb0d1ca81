import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { jobEventStream } from "@/lib/jobs/event-stream";
import { getJob } from "@/lib/jobs/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(operations.jobEvents, async ({ params, query, headers, request }) => {
  await getJob(params.id);
  const after = headers["last-event-id"] ?? query.after ?? 0;
  return new Response(jobEventStream(params.id, after, request.signal), {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
