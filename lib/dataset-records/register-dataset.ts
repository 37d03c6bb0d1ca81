import { db, Prisma } from "../db/client";
import type { DatasetInfoEntry } from "../datasets/dataset-info";
import type { DatasetReport } from "../datasets/validate";

export type NewDataset = {
  name: string;
  hostId: string;
  /** Real path inside the host's storage roots. */
  path: string;
  sizeBytes: number;
  entry: DatasetInfoEntry;
  report: DatasetReport;
  sourceJobId: string;
  createdById: string | null;
};

/**
 * Registering a file again (with another column mapping, or after editing it) replaces its
 * report in place: runs name datasets by id, so the id stays.
 */
export async function registerDataset(d: NewDataset) {
  const data = {
    name: d.name,
    sizeBytes: BigInt(d.sizeBytes),
    format: d.entry.formatting ?? "alpaca",
    purpose: d.report.purpose,
    entry: d.entry as Prisma.InputJsonObject,
    rows: d.report.rows,
    validRows: d.report.validRows,
    errorCount: d.report.errorCount,
    report: d.report as unknown as Prisma.InputJsonObject,
    sourceJobId: d.sourceJobId,
  };
  return db.dataset.upsert({
    where: { hostId_path: { hostId: d.hostId, path: d.path } },
    create: { ...data, hostId: d.hostId, path: d.path, createdById: d.createdById },
    update: data,
  });
}
