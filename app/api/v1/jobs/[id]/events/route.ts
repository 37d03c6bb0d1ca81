import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { jobEventStream } from "@/lib/jobs/event-stream";
import { getJob } from "@/lib/jobs/queries";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export const GET = apiRoute(operations.jobEvents, async ({ params, query, headers, request }) => {
  await getJob(params.id);
  const after = headers["last-event-id"] ?? query.after ?? 0;
  // Not AbortSignal.any + AbortSignal.timeout: Node 20 holds the timeout signal weakly, and once
  // collected it never fires, leaving the stream open for good.
  const ended = new AbortController();
  const timer = setTimeout(() => ended.abort(), env().SSE_MAX_SECONDS * 1000);
  ended.signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
  if (request.signal.aborted) ended.abort();
  else request.signal.addEventListener("abort", () => ended.abort(), { once: true });
  return new Response(jobEventStream(params.id, after, ended.signal), {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
