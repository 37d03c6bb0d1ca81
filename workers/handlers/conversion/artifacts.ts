import { db, Prisma, type Artifact } from "../../../lib/db/client";
import { JobError } from "../../../lib/errors";
import { describeGguf } from "../../../lib/models/describe-model";
import type { JobContext } from "../../job-context";

/** What a conversion step records in artifact.metadata.conversion. */
export type ConversionInfo = {
  /** Base name shared by a family's outputs ("smollm2"), so quants of an F16 get sibling names. */
  baseName: string;
  stem: string;
  sourceArtifactId: string;
  step: "convert" | "quantize";
  type: string;
  [k: string]: unknown;
};

export function conversionInfo(a: Pick<Artifact, "metadata">): Partial<ConversionInfo> {
  const m = a.metadata as Record<string, unknown> | null;
  const c = m && typeof m === "object" ? (m.conversion as Record<string, unknown> | undefined) : undefined;
  return c && typeof c === "object" ? (c as Partial<ConversionInfo>) : {};
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
  args: { file: string; name: string; parentId: string; precisionFallback: string; metadata: Record<string, unknown> },
): Promise<Artifact> {
  const d = await describeGguf(args.file, ctx.host.storageRoots);
  try {
    return await db.artifact.create({
      data: {
        name: args.name,
        kind: "GGUF",
        hostId: ctx.host.id,
        path: args.file,
        sizeBytes: BigInt(d.sizeBytes),
        architecture: d.architecture,
        parameterCount: d.parameterCount === null ? null : BigInt(d.parameterCount),
        precision: d.precision ?? args.precisionFallback,
        contextLength: d.contextLength,
        chatTemplate: d.chatTemplate,
        metadata: { ...d.metadata, ...args.metadata } as Prisma.InputJsonObject,
        parentId: args.parentId,
        sourceJobId: ctx.job.id,
      },
    });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") {
      throw new JobError("output_exists", `${args.file} was registered by someone else while the job ran`, "Open the existing model; the file was left in place.");
    }
    throw err;
  }
}

/** Shallow-merges keys into artifact.metadata in one statement (safe against concurrent writers of other keys). */
export async function mergeArtifactMetadata(id: string, patch: Record<string, unknown>): Promise<void> {
  await db.$executeRaw`UPDATE "Artifact" SET metadata = COALESCE(metadata, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb WHERE id = ${id}`;
}
