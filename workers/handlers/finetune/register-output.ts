import { db, Prisma, type Artifact } from "../../../lib/db/client";
import { checkArtifactMetadata, readArtifactMetadata, type TrainingRecord } from "../../../lib/models/artifact-metadata";
import { describeModel } from "../../../lib/models/describe-model";
import { registerArtifact } from "../../../lib/models/register-artifact";
import type { JobContext } from "../../job-context";

/**
 * Registers what a run or export wrote (a LoRA adapter or a full model folder) as a child of
 * `parentId`. A resumed run writes into the same folder: its row is updated in place.
 */
export async function registerTrainedOutput(
  ctx: JobContext<unknown>,
  o: { dir: string; name: string; parentId: string; training: TrainingRecord; chatTemplate: string | null },
): Promise<Artifact> {
  const description = await describeModel(o.dir, true, ctx.host.storageRoots);
  if (o.chatTemplate && !description.chatTemplate) description.chatTemplate = o.chatTemplate;
  const existing = await db.artifact.findUnique({ where: { hostId_path: { hostId: ctx.host.id, path: o.dir } } });
  if (existing) {
    const metadata = checkArtifactMetadata({ ...readArtifactMetadata(existing.metadata), ...description.metadata, training: o.training });
    return db.artifact.update({
      where: { id: existing.id },
      data: { sizeBytes: BigInt(description.sizeBytes), metadata: metadata as Prisma.InputJsonObject, sourceJobId: ctx.job.id, chatTemplate: description.chatTemplate },
    });
  }
  return registerArtifact({ description, name: o.name, hostId: ctx.host.id, path: o.dir, sourceJobId: ctx.job.id, parentId: o.parentId, metadata: { training: o.training } });
}
