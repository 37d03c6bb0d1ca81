import { db } from "../db/client";
import { getDatasets } from "../dataset-records/queries";
import { notFound } from "../errors";
import type { GpuInfo } from "../hosts/system-info";
import type { FinetuneContext, FinetuneInput } from "../jobs/kinds/model-finetune";
import { getModel } from "../models/queries";

/** What `prepareModelFinetune` and the check route need from the database, loaded once. */
export async function loadFinetuneContext(modelId: string, input: Pick<FinetuneInput, "datasetIds" | "evalDatasetIds">): Promise<FinetuneContext> {
  const model = await getModel(modelId);
  const host = await db.host.findUnique({ where: { id: model.hostId }, select: { id: true, name: true, gpuSlots: true, gpus: true } });
  if (!host) throw notFound("Host", model.hostId);
  return {
    model,
    datasets: await getDatasets(input.datasetIds),
    evalDatasets: await getDatasets(input.evalDatasetIds ?? []),
    host: { ...host, gpus: Array.isArray(host.gpus) ? (host.gpus as GpuInfo[]) : [] },
  };
}
