import { db } from "../db/client";
import { getDatasets } from "../dataset-records/queries";
import { notFound } from "../errors";
import type { GpuInfo } from "../hosts/system-info";
import type { FinetuneContext, FinetuneInput } from "../jobs/kinds/model-finetune";
import { getModel } from "../models/queries";

/** What `prepareModelFinetune` and the check route need from the database, loaded once. */
export async function loadFinetuneContext(modelId: string, input: Pick<FinetuneInput, "datasetIds" | "evalDatasetIds" | "nodeHostIds">): Promise<FinetuneContext> {
  const model = await getModel(modelId);
  return {
    model,
    datasets: await getDatasets(input.datasetIds),
    evalDatasets: await getDatasets(input.evalDatasetIds ?? []),
    host: await loadHost(model.hostId),
    nodeHosts: await Promise.all((input.nodeHostIds ?? []).map(loadHost)),
  };
}

async function loadHost(id: string) {
  const host = await db.host.findUnique({ where: { id }, select: { id: true, name: true, gpuSlots: true, gpus: true, address: true } });
  if (!host) throw notFound("Host", id);
  return { ...host, gpus: Array.isArray(host.gpus) ? (host.gpus as GpuInfo[]) : [] };
}
