import { z } from "zod";
import { db, type Prisma } from "../db/client";
import { notFound } from "../errors";
import { IdSchema, searchText } from "../schemas/text";

export const ListModelsQuerySchema = z.object({
  kind: z.enum(["HF_MODEL", "GGUF", "LORA_ADAPTER"]).optional(),
  hostId: IdSchema.optional(),
  q: searchText(200).optional(),
});
export type ListModelsQuery = z.infer<typeof ListModelsQuerySchema>;

const listSelect = {
  id: true, name: true, kind: true, hostId: true, path: true, sizeBytes: true, architecture: true, parameterCount: true,
  precision: true, contextLength: true, parentId: true, createdAt: true, host: { select: { name: true } },
} satisfies Prisma.ArtifactSelect;

export async function listModels(q: ListModelsQuery = {}) {
  return db.artifact.findMany({
    where: {
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.hostId ? { hostId: q.hostId } : {}),
      ...(q.q ? { OR: [{ name: { contains: q.q, mode: "insensitive" } }, { path: { contains: q.q, mode: "insensitive" } }] } : {}),
    },
    select: listSelect,
    orderBy: { createdAt: "desc" },
    take: 500,
  });
}

export type LineageNode = { id: string; name: string; kind: string; precision: string | null; sizeBytes: bigint; children: LineageNode[] };

/** The whole family of a model: walk up to the root, then down to every descendant. */
export async function getLineage(id: string): Promise<LineageNode | null> {
  let rootId = id;
  for (let i = 0; i < 32; i++) {
    const row = await db.artifact.findUnique({ where: { id: rootId }, select: { parentId: true } });
    if (!row?.parentId) break;
    rootId = row.parentId;
  }
  const build = async (nodeId: string, depth: number): Promise<LineageNode | null> => {
    const n = await db.artifact.findUnique({ where: { id: nodeId }, select: { id: true, name: true, kind: true, precision: true, sizeBytes: true } });
    if (!n) return null;
    const kids = depth < 16 ? await db.artifact.findMany({ where: { parentId: nodeId }, select: { id: true }, orderBy: { createdAt: "asc" } }) : [];
    const children = (await Promise.all(kids.map((k) => build(k.id, depth + 1)))).filter((c): c is LineageNode => c !== null);
    return { ...n, children };
  };
  return build(rootId, 0);
}

export async function getModel(id: string) {
  const m = await db.artifact.findUnique({
    where: { id },
    include: { host: { select: { id: true, name: true } }, parent: { select: { id: true, name: true } }, sourceJob: { select: { id: true, title: true, status: true } } },
  });
  if (!m) throw notFound("Model", id);
  return m;
}
