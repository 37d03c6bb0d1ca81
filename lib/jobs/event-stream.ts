import { db } from "../db/client";
import { listJobEvents } from "./events";
import { isTerminal } from "./status";

const POLL_MS = 250;
const KEEPALIVE_MS = 15_000;
const PAGE = 2_000;

const encoder = new TextEncoder();

function frame(seq: number, type: string, payload: unknown, createdAt: Date): Uint8Array {
  return encoder.encode(`id: ${seq}\nevent: ${type.toLowerCase()}\ndata: ${JSON.stringify({ seq, at: createdAt.toISOString(), ...(payload as object) })}\n\n`);
}

/**
 * Server-sent events for one job: replays events after `afterSeq` (from Last-Event-ID on
 * reconnect), then tails new ones, and ends with `event: end` once the job is terminal and
 * drained. Ids are the per-job seq, so a resumed stream has no gaps and no repeats.
 */
export function jobEventStream(jobId: string, afterSeq: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  let cursor = afterSeq;
  let lastWrite = Date.now();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        while (!signal.aborted) {
          const events = await listJobEvents(jobId, cursor, PAGE);
          if (events.length > 0) {
            const chunks = events.map((e) => frame(e.seq, e.type, e.payload, e.createdAt));
            const total = chunks.reduce((n, c) => n + c.length, 0);
            const buf = new Uint8Array(total);
            let off = 0;
            for (const c of chunks) { buf.set(c, off); off += c.length; }
            controller.enqueue(buf);
            cursor = events[events.length - 1].seq;
            lastWrite = Date.now();
            return;
          }
          const job = await db.job.findUnique({ where: { id: jobId }, select: { status: true, eventSeq: true } });
          if (!job || (isTerminal(job.status) && cursor >= job.eventSeq)) {
            controller.enqueue(encoder.encode(`event: end\ndata: ${JSON.stringify({ status: job?.status ?? null })}\n\n`));
            controller.close();
            return;
          }
          if (Date.now() - lastWrite > KEEPALIVE_MS) {
            controller.enqueue(encoder.encode(`: keep-alive\n\n`));
            lastWrite = Date.now();
            return;
          }
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
        controller.close();
      } catch (err) {
        controller.error(err);
      }
    },
  });
}
