import { AppError } from "../lib/errors";
import { listHostPath } from "../lib/hosts/browse-listing";
import { browseReplyKey, browseRequestKey, BrowseRequestSchema, type BrowseReply } from "../lib/hosts/browse-protocol";
import { createRedis } from "../lib/redis";

/** How long a BLPOP waits before the loop looks at `stopping` again. */
const POLL_SECONDS = 5;
/** Listings under way at once; a hung network mount must not stop the next request from being answered. */
const MAX_IN_FLIGHT = 4;
/** An answer nobody collected (the web server gave up) is gone after this long. */
const REPLY_TTL_MS = 30_000;

export type BrowseResponder = { stop: () => Promise<void> };

/**
 * Answers the web server's "list this folder" requests for this host (lib/hosts/browse.ts): the
 * web server may not see this host's files, so the listing is made here, inside the storage roots.
 * Two connections of its own: BLPOP holds one while it waits, so answers sent on it would queue
 * behind the next wait.
 */
export function startBrowseResponder(opts: { prefix: string; hostId: string; roots: string[]; log: (msg: string) => void }): BrowseResponder {
  const redis = createRedis();
  const replies = createRedis();
  const key = browseRequestKey(opts.prefix, opts.hostId);
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  const answer = async (raw: string) => {
    let parsed;
    try {
      parsed = BrowseRequestSchema.safeParse(JSON.parse(raw));
    } catch {
      parsed = null;
    }
    // Without a valid id there is no reply key to answer on, and nobody can be waiting.
    if (!parsed?.success) return;
    const req = parsed.data;
    if (req.deadline < Date.now()) return;
    let reply: BrowseReply;
    try {
      reply = { id: req.id, ok: true, listing: await listHostPath(req.path, opts.roots) };
    } catch (err) {
      const known = err instanceof AppError ? err : null;
      if (!known) opts.log(`browse of a folder failed: ${(err as Error)?.message ?? err}`);
      reply = {
        id: req.id,
        ok: false,
        error: known ? { code: known.code, message: known.message, hint: known.hint } : { code: "browse_failed", message: "The worker could not list this folder", hint: "See the worker's log on the host." },
      };
    }
    const replyKey = browseReplyKey(opts.prefix, req.id);
    await replies.multi().rpush(replyKey, JSON.stringify(reply)).pexpire(replyKey, REPLY_TTL_MS).exec();
  };

  const loop = async () => {
    while (!stopping) {
      if (inFlight.size >= MAX_IN_FLIGHT) {
        await Promise.race(inFlight);
        continue;
      }
      let popped: [string, string] | null;
      try {
        popped = await redis.blpop(key, POLL_SECONDS);
      } catch (err) {
        if (stopping) return;
        opts.log(`browse requests: ${(err as Error).message}; retrying`);
        await new Promise((r) => setTimeout(r, 1_000));
        continue;
      }
      if (!popped) continue;
      const p = answer(popped[1])
        .catch((err: Error) => opts.log(`browse answer not sent: ${err.message}`))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  };
  const running = loop();

  return {
    stop: async () => {
      stopping = true;
      // Rejects the pending BLPOP at once instead of waiting out its timeout.
      redis.disconnect();
      replies.disconnect();
      // A listing stuck on a hung mount must not hold up the rest of the shutdown.
      await Promise.race([running, new Promise((r) => setTimeout(r, 1_000).unref())]);
    },
  };
}
