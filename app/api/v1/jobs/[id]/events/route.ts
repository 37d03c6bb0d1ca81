import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { jobEventStream } from "@/lib/jobs/event-stream";
import { getJob } from "@/lib/jobs/queries";

export const dynamic = "force-dynamic";

const Query = z.object({ after: z.coerce.number().int().min(0).optional() });

export const GET = apiRoute({ query: Query }, async ({ params, query, request }) => {
  await getJob(params.id);
  const lastEventId = Number(request.headers.get("last-event-id"));
  const after = Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : (query.after ?? 0);
  return new Response(jobEventStream(params.id, after, request.signal), {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
