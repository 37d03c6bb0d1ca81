import { z } from "zod";
import { db, type Prisma } from "../db/client";
import { notFound } from "../errors";
import { IdSchema, searchText } from "../schemas/text";

export const DATASET_PURPOSES = ["sft", "preference", "kto", "pretrain"] as const;

export const ListDatasetsQuerySchema = z.object({
  hostId: IdSchema.optional(),
  purpose: z.enum(DATASET_PURPOSES).optional(),
  q: searchText(200).optional(),
});
export type ListDatasetsQuery = z.infer<typeof ListDatasetsQuerySchema>;

const listSelect = {
  id: true, name: true, hostId: true, path: true, sizeBytes: true, format: true, purpose: true, rows: true, validRows: true, errorCount: true,
  createdAt: true, host: { select: { name: true } },
} satisfies Prisma.DatasetSelect;

export async function listDatasets(q: ListDatasetsQuery = {}) {
  return db.dataset.findMany({
    where: {
      ...(q.hostId ? { hostId: q.hostId } : {}),
      ...(q.purpose ? { purpose: q.purpose } : {}),
      ...(q.q ? { OR: [{ name: { contains: q.q, mode: "insensitive" } }, { path: { contains: q.q, mode: "insensitive" } }] } : {}),
    },
    select: listSelect,
    orderBy: { createdAt: "desc" },
    take: 500,
  });
}

export async function getDataset(id: string) {
  const d = await db.dataset.findUnique({ where: { id }, include: { host: { select: { id: true, name: true } }, sourceJob: { select: { id: true, title: true, status: true } } } });
  if (!d) throw notFound("Dataset", id);
  return d;
}

/** Finds each id or answers 404 naming the missing one; order follows `ids`. */
export async function getDatasets(ids: string[]) {
  const rows = await db.dataset.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, hostId: true, purpose: true, validRows: true } });
  return ids.map((id) => {
    const d = rows.find((r) => r.id === id);
    if (!d) throw notFound("Dataset", id);
    return d;
  });
}

/** Fine-tune runs that used the dataset (its lineage children). */
export async function runsUsingDataset(id: string) {
  return db.job.findMany({
    where: { kind: "model.finetune", payload: { path: ["datasetIds"], array_contains: [id] } },
    select: { id: true, title: true, status: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}
