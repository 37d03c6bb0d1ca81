import { db, type Artifact } from "../../../lib/db/client";
import { JobError } from "../../../lib/errors";
import { readArtifactMetadata, type ArtifactMetadata, type ConversionRecord } from "../../../lib/models/artifact-metadata";
import { describeGguf } from "../../../lib/models/describe-model";
import { registerArtifact } from "../../../lib/models/register-artifact";
import type { JobContext } from "../../job-context";

export function conversionInfo(a: Pick<Artifact, "metadata">): ConversionRecord {
  return readArtifactMetadata(a.metadata).conversion ?? {};
}

export async function loadArtifactOnHost(ctx: JobContext<unknown>, id: string): Promise<Artifact> {
  const a = await db.artifact.findUnique({ where: { id } });
  if (!a) throw new JobError("artifact_not_found", `Model ${id} is not registered`, "Pick a model from the Models page; it may have been deleted.");
  if (a.hostId !== ctx.host.id) {
    const host = await db.host.findUnique({ where: { id: a.hostId }, select: { name: true } });
    throw new JobError("wrong_host", `Model ${a.name} lives on host ${host?.name ?? a.hostId}, not on ${ctx.host.name}`, "Run the job on the host that holds the model's files.");
  }
  return a;
}

/** Reads the GGUF header back and registers the file as a child artifact of `parentId`. */
export async function registerGguf(
  ctx: JobContext<unknown>,
  args: { file: string; name: string; parentId: string; precisionFallback: string; metadata: ArtifactMetadata },
): Promise<Artifact> {
  const description = await describeGguf(args.file, ctx.host.storageRoots);
  return registerArtifact({ ...args, description, path: args.file, hostId: ctx.host.id, sourceJobId: ctx.job.id });
}
