import { db, type JobEventType, type Prisma } from "../db/client";

export type NewJobEvent = { type: JobEventType; payload: Prisma.InputJsonValue };

export type JobEventRow = { seq: number; type: JobEventType; payload: unknown; createdAt: Date };

/**
 * Appends events in order. The `eventSeq` bump takes the job row's lock, so concurrent writers
 * (worker and web) commit in seq order and a reader never sees seq N+1 before N.
 */
export async function appendJobEvents(jobId: string, events: NewJobEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ eventSeq: number }[]>`
      UPDATE "Job" SET "eventSeq" = "eventSeq" + ${events.length} WHERE id = ${jobId} RETURNING "eventSeq"`;
    if (rows.length === 0) throw new Error(`job ${jobId} vanished while appending events`);
    const first = rows[0].eventSeq - events.length + 1;
    await tx.jobEvent.createMany({
      data: events.map((e, i) => ({ jobId, seq: first + i, type: e.type, payload: e.payload })),
    });
    return rows[0].eventSeq;
  });
}

export async function listJobEvents(jobId: string, afterSeq: number, limit = 1000): Promise<JobEventRow[]> {
  return db.jobEvent.findMany({
    where: { jobId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { seq: true, type: true, payload: true, createdAt: true },
  });
}
