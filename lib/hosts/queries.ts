import { db } from "../db/client";
import { notFound } from "../errors";

/** A host is online while its worker heartbeats; three missed beats (default 2 s) and a margin make it offline. */
export const HOST_OFFLINE_AFTER_MS = 15_000;

export function isOnline(lastHeartbeatAt: Date | null, stoppedAt: Date | null, now = Date.now()): boolean {
  if (!lastHeartbeatAt) return false;
  if (stoppedAt && stoppedAt >= lastHeartbeatAt) return false;
  return now - lastHeartbeatAt.getTime() < HOST_OFFLINE_AFTER_MS;
}

const hostSelect = {
  id: true, name: true, labels: true, storageRoots: true, queues: true, concurrency: true, system: true, gpus: true, gpuSlots: true,
  tools: true, workerVersion: true, lastHeartbeatAt: true, startedAt: true, stoppedAt: true, createdAt: true,
} as const;

export async function listHosts() {
  const rows = await db.host.findMany({ select: hostSelect, orderBy: { name: "asc" } });
  return rows.map((h) => ({ ...h, online: isOnline(h.lastHeartbeatAt, h.stoppedAt) }));
}

export async function getHost(id: string) {
  const h = await db.host.findUnique({ where: { id }, select: hostSelect });
  if (!h) throw notFound("Host", id);
  return { ...h, online: isOnline(h.lastHeartbeatAt, h.stoppedAt) };
}
