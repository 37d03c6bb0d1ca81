import { randomBytes } from "node:crypto";
import { db } from "../db/client";
import { env } from "../env";
import { AppError, notFound, UNPROCESSABLE } from "../errors";
import { createRedis } from "../redis";
import { browseReplyKey, browseRequestKey, BrowseReplySchema, type BrowseListing, type BrowseRequest } from "./browse-protocol";
import { isOnline } from "./queries";

/** A person is waiting on the dialog: a worker that has not answered by then is not going to. */
export const BROWSE_TIMEOUT_MS = 5_000;
/** Beyond the BLPOP's own timeout: how long a Redis that does not answer at all may hold the request. */
const REDIS_GRACE_MS = 2_000;

/** The worker's refusals (`storage-paths.ts`, `browse-listing.ts`) as the statuses the route answers. */
const STATUS_OF: Record<string, number> = {
  path_outside_roots: 403,
  path_not_readable: 403,
  path_not_found: 404,
  path_not_directory: 400,
  path_not_absolute: 400,
  path_link_loop: 400,
};

/**
 * 409, not 503: the dashboard itself is fine and the request is well formed; the host's current
 * state (no worker listening) refuses it, and API clients and fuzzers treat 5xx as our fault.
 */
const unreachable = (name: string, message: string) =>
  new AppError(409, "host_unreachable", message, `Start the worker on host ${name} (npm run worker, or its container) and check that it is up to date, then try again.`);

/**
 * Lists a folder of a host (or its storage roots, for `null`) by asking the host's worker over
 * Redis: the web server may not share the host's file system, and the worker is where the roots
 * are enforced. The request goes on the host's list, the answer comes back on a key of its own;
 * both expire, so nothing is left behind when the worker is gone.
 */
export async function browseHostPath(hostId: string, path: string | null, opts: { timeoutMs?: number } = {}): Promise<BrowseListing> {
  const timeoutMs = opts.timeoutMs ?? BROWSE_TIMEOUT_MS;
  const host = await db.host.findUnique({ where: { id: hostId }, select: { name: true, lastHeartbeatAt: true, stoppedAt: true } });
  if (!host) throw notFound("Host", hostId);
  // Answer at once for a host known to be down instead of making the dialog wait out the timeout.
  if (!isOnline(host.lastHeartbeatAt, host.stoppedAt)) throw unreachable(host.name, `Host ${host.name} is offline: its worker is not running`);

  const prefix = env().QUEUE_PREFIX;
  const request: BrowseRequest = { id: randomBytes(16).toString("hex"), path, deadline: Date.now() + timeoutMs };
  const requestKey = browseRequestKey(prefix, hostId);
  const replyKey = browseReplyKey(prefix, request.id);
  const message = JSON.stringify(request);
  // Its own connection: BLPOP blocks it, and concurrent requests must not queue behind each other.
  const redis = createRedis({ maxRetriesPerRequest: 0 });
  // A failure reaches the awaited command as its rejection; the event would only be noise in the log.
  redis.on("error", () => undefined);
  let guard: NodeJS.Timeout | undefined;
  try {
    const exchange = (async () => {
      await redis.multi().rpush(requestKey, message).pexpire(requestKey, timeoutMs * 2).exec();
      const popped = await redis.blpop(replyKey, timeoutMs / 1000);
      if (!popped) await redis.lrem(requestKey, 1, message).catch(() => undefined);
      return popped?.[1] ?? null;
    })();
    const tooLong = new Promise<never>((_, reject) => {
      guard = setTimeout(() => reject(new Error("redis did not answer")), timeoutMs + REDIS_GRACE_MS);
    });
    let raw: string | null;
    try {
      raw = await Promise.race([exchange, tooLong]);
    } catch {
      exchange.catch(() => undefined);
      throw new AppError(503, "queue_unavailable", "Redis, which carries requests to hosts, did not answer", "Check that Redis is running and reachable from the dashboard, then try again.");
    }
    if (raw === null) throw unreachable(host.name, `The worker on host ${host.name} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    return readReply(raw, request.id, host.name);
  } finally {
    clearTimeout(guard);
    redis.disconnect();
  }
}

function readReply(raw: string, id: string, hostName: string): BrowseListing {
  let parsed;
  try {
    parsed = BrowseReplySchema.safeParse(JSON.parse(raw));
  } catch {
    parsed = null;
  }
  // A worker of another version may answer in another shape: a clear refusal, never a 500.
  if (!parsed?.success || parsed.data.id !== id) {
    throw new AppError(409, "host_answer_invalid", `The worker on host ${hostName} answered in a form this dashboard does not read`, `Run the same Modelyard version on host ${hostName} as on the dashboard.`);
  }
  const reply = parsed.data;
  if (reply.ok) return reply.listing;
  throw new AppError(STATUS_OF[reply.error.code] ?? UNPROCESSABLE, reply.error.code, reply.error.message, reply.error.hint);
}
