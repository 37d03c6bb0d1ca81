import { db, Prisma, type Artifact } from "../db/client";
import { JobError } from "../errors";
import { checkArtifactMetadata, type ArtifactMetadata } from "./artifact-metadata";
import type { ModelDescription } from "./describe-model";

export type NewArtifact = {
  /** What the files said (describeModel / describeGguf). */
  description: ModelDescription;
  name: string;
  hostId: string;
  /** The real path, already resolved inside the host's storage roots. */
  path: string;
  sourceJobId: string;
  parentId?: string;
  /** When the header names no precision (a converter output type, a quant type). */
  precisionFallback?: string;
  /** Added over the description's metadata (conversion, ...). */
  metadata?: ArtifactMetadata;
};

/** The one place an Artifact row is created from files a job found or wrote. */
export async function registerArtifact(a: NewArtifact): Promise<Artifact> {
  const d = a.description;
  const metadata = checkArtifactMetadata({ ...d.metadata, ...a.metadata });
  try {
    return await db.artifact.create({
      data: {
        name: a.name,
        kind: d.kind,
        hostId: a.hostId,
        path: a.path,
        sizeBytes: BigInt(d.sizeBytes),
        architecture: d.architecture,
        parameterCount: d.parameterCount === null ? null : BigInt(d.parameterCount),
        precision: d.precision ?? a.precisionFallback ?? null,
        contextLength: d.contextLength,
        chatTemplate: d.chatTemplate,
        metadata: metadata as Prisma.InputJsonObject,
        parentId: a.parentId,
        sourceJobId: a.sourceJobId,
      },
    });
  } catch (err) {
    // (hostId, path) is unique: someone registered the same file after the job looked.
    if ((err as { code?: string }).code === "P2002") {
      throw new JobError("already_registered", `${a.path} was registered by someone else while the job ran`, "Open the existing model; the file was left in place.");
    }
    throw err;
  }
}

/** Shallow-merges keys into artifact.metadata in one statement (safe against concurrent writers of other keys). */
export async function mergeArtifactMetadata(id: string, patch: ArtifactMetadata): Promise<void> {
  const checked = checkArtifactMetadata(patch);
  await db.$executeRaw`UPDATE "Artifact" SET metadata = COALESCE(metadata, '{}'::jsonb) || ${JSON.stringify(checked)}::jsonb WHERE id = ${id}`;
}
