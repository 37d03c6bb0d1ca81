import { db, type Prisma } from "../lib/db/client";
import { detectTools } from "../lib/hosts/detect-tools";
import { readGpus, readSystemInfo } from "../lib/hosts/system-info";
import { queueConcurrency, usableGpuSlots, type WorkerConfig } from "./config";

export async function registerHost(cfg: WorkerConfig, tokenId: string, workerInstance: string) {
  const now = new Date();
  const gpus = await readGpus();
  const gpuSlots = usableGpuSlots(cfg, gpus.map((g) => g.index));
  const data = {
    labels: cfg.MODELYARD_LABELS,
    storageRoots: cfg.MODELYARD_STORAGE_ROOTS,
    queues: cfg.MODELYARD_QUEUES,
    concurrency: cfg.MODELYARD_CONCURRENCY,
    queueConcurrency: queueConcurrency(cfg, gpuSlots),
    gpuSlots,
    address: cfg.MODELYARD_HOST_ADDRESS ?? null,
    workerPid: process.pid,
    workerInstance,
    workerVersion: process.env.npm_package_version ?? "0.1.0",
    tokenId,
    startedAt: now,
    stoppedAt: null,
    lastHeartbeatAt: now,
    system: (await readSystemInfo(cfg.MODELYARD_STORAGE_ROOTS)) as unknown as Prisma.InputJsonValue,
    gpus: gpus as unknown as Prisma.InputJsonValue,
  };
  return db.host.upsert({ where: { name: cfg.MODELYARD_HOST_NAME }, create: { name: cfg.MODELYARD_HOST_NAME, ...data }, update: data });
}

export async function heartbeatHost(hostId: string, workerInstance: string, roots: string[]): Promise<void> {
  await db.host.updateMany({
    where: { id: hostId, workerInstance },
    data: {
      lastHeartbeatAt: new Date(),
      system: (await readSystemInfo(roots)) as unknown as Prisma.InputJsonValue,
      gpus: (await readGpus()) as unknown as Prisma.InputJsonValue,
    },
  });
}

/** Tool detection spawns a few processes; it runs after start and then rarely. */
export async function refreshTools(hostId: string): Promise<void> {
  const tools = await detectTools();
  await db.host.update({ where: { id: hostId }, data: { tools: tools as unknown as Prisma.InputJsonValue } });
}
