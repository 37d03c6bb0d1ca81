import { db } from "../../lib/db/client";
import { JobError } from "../../lib/errors";
import type { ModelImportPayload } from "../../lib/jobs/kinds/model-import";
import { resolveExistingInsideRoots } from "../../lib/hosts/storage-paths";
import { customCodeOf } from "../../lib/models/custom-code";
import { describeModel } from "../../lib/models/describe-model";
import { registerArtifact } from "../../lib/models/register-artifact";
import type { JobContext } from "../job-context";

export async function handleModelImport(ctx: JobContext<ModelImportPayload>) {
  const { path: input, name } = ctx.payload;
  ctx.progress(0.05, "resolving path", true);
  const target = await resolveExistingInsideRoots(input, ctx.host.storageRoots);
  ctx.log(`resolved ${input} -> ${target.real}`);

  const existing = await db.artifact.findUnique({ where: { hostId_path: { hostId: ctx.host.id, path: target.real } }, select: { id: true, name: true } });
  if (existing) {
    throw new JobError("already_registered", `${target.real} is already registered as "${existing.name}" (${existing.id})`, "Open the existing model instead of importing it again.");
  }

  ctx.progress(0.2, target.isDirectory ? "reading Hugging Face files" : "reading GGUF header", true);
  const d = await describeModel(target.real, target.isDirectory, ctx.host.storageRoots);
  ctx.log(`kind=${d.kind} architecture=${d.architecture ?? "?"} parameters=${d.parameterCount ?? "?"} precision=${d.precision ?? "?"} context=${d.contextLength ?? "?"}`);
  ctx.log(d.chatTemplate ? `chat template: ${d.chatTemplate.length} characters` : "no chat template found");
  for (const w of d.metadata.warnings ?? []) ctx.log(`warning: ${w}`);
  const code = customCodeOf(d.metadata);
  if (code) ctx.log(`warning: the folder carries its own Python code (${[...code.autoMap, ...code.pythonFiles].join(", ")}); converting it will need an explicit confirmation`);
  ctx.throwIfAborted();

  const artifact = await registerArtifact({ description: d, name: name ?? d.suggestedName, hostId: ctx.host.id, path: target.real, sourceJobId: ctx.job.id });
  ctx.log(`registered model ${artifact.id}`);
  return { artifactId: artifact.id, kind: d.kind };
}
