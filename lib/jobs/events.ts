import { db, type JobEventType } from "../db/client";

export type NewJobEvent = { type: JobEventType; payload: unknown };

export type JobEventRow = { seq: number; type: JobEventType; payload: unknown; createdAt: Date };

/**
 * Appends events in order, in one statement: bumping `eventSeq` takes the job row's lock, so
 * concurrent writers (worker and web) commit in seq order and a reader never sees seq N+1
 * before N. unnest() inserts a whole batch in one round trip (a log flood is thousands a second).
 */
export async function appendJobEvents(jobId: string, events: NewJobEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const types = events.map((e) => e.type);
  const payloads = events.map((e) => JSON.stringify(e.payload));
  const rows = await db.$queryRaw<{ last: number }[]>`
    WITH bumped AS (
      UPDATE "Job" SET "eventSeq" = "eventSeq" + ${events.length} WHERE id = ${jobId} RETURNING "eventSeq"
    ), inserted AS (
      INSERT INTO "JobEvent" ("jobId", "seq", "type", "payload")
      SELECT ${jobId}, bumped."eventSeq" - ${events.length} + e.ord::int, e.type::"JobEventType", e.payload::jsonb
      FROM bumped, unnest(${types}::text[], ${payloads}::text[]) WITH ORDINALITY AS e(type, payload, ord)
      RETURNING 1
    )
    SELECT "eventSeq" AS last FROM bumped`;
  if (rows.length === 0) throw new Error(`job ${jobId} vanished while appending events`);
  return rows[0].last;
}

export async function listJobEvents(jobId: string, afterSeq: number, limit = 1000): Promise<JobEventRow[]> {
  return db.jobEvent.findMany({
    where: { jobId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { seq: true, type: true, payload: true, createdAt: true },
  });
}

/** The status history (QUEUED, RUNNING, requeues, the end) without scanning log lines. */
export async function listJobStatusEvents(jobId: string): Promise<{ seq: number; status: string; reason: string | null; at: Date }[]> {
  const rows = await db.jobEvent.findMany({
    where: { jobId, type: "STATUS" },
    orderBy: { seq: "asc" },
    take: 200,
    select: { seq: true, payload: true, createdAt: true },
  });
  return rows.map((r) => {
    const p = r.payload as { status?: string; reason?: string; failure?: { code?: string } };
    return { seq: r.seq, status: p.status ?? "UNKNOWN", reason: p.reason ?? p.failure?.code ?? null, at: r.createdAt };
  });
}
