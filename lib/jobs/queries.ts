import { z } from "zod";
import { db, type Prisma } from "../db/client";
import { notFound } from "../errors";
import { IdSchema, integerText, searchText } from "../schemas/text";
import { JOB_KIND_NAMES } from "./kinds";
import { JOB_STATUSES } from "./status";

export const ListJobsQuerySchema = z.object({
  status: z.enum(JOB_STATUSES).optional(),
  kind: z.enum(JOB_KIND_NAMES).optional(),
  hostId: IdSchema.optional(),
  q: searchText(200).optional(),
  /** nextCursor of the previous page. */
  cursor: IdSchema.optional(),
  limit: integerText(1, 200).default(50),
});
export type ListJobsQuery = z.infer<typeof ListJobsQuerySchema>;

const jobListSelect = {
  id: true, kind: true, title: true, status: true, progress: true, progressLabel: true, hostId: true,
  createdAt: true, startedAt: true, finishedAt: true, failure: true, waitReason: true, gpuIndices: true,
  host: { select: { name: true } },
} satisfies Prisma.JobSelect;

/** Keyset pagination on (createdAt, id) so page 200 costs what page 1 does. */
/** The page passes its filters as typed; an unknown kind simply matches nothing there. */
export async function listJobs(q: Omit<ListJobsQuery, "kind"> & { kind?: string }) {
  const where: Prisma.JobWhereInput = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.hostId ? { hostId: q.hostId } : {}),
    ...(q.q ? { title: { contains: q.q, mode: "insensitive" } } : {}),
  };
  const rows = await db.job.findMany({
    where,
    select: jobListSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  });
  const more = rows.length > q.limit;
  const items = more ? rows.slice(0, q.limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1].id : null };
}

export async function getJob(id: string) {
  const job = await db.job.findUnique({
    where: { id },
    include: { host: { select: { id: true, name: true } }, artifacts: { select: { id: true, name: true, kind: true } }, createdBy: { select: { name: true, email: true } } },
  });
  if (!job) throw notFound("Job", id);
  return job;
}

export async function jobCounts() {
  const groups = await db.job.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<(typeof JOB_STATUSES)[number], number>;
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}
