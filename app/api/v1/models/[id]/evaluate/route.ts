import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { AppError } from "@/lib/errors";
import { createJob } from "@/lib/jobs/create-job";
import { getModel } from "@/lib/models/queries";

/** Queues model.evaluate: perplexity of a GGUF on a held-out text file on its host. */
export const POST = apiRoute(operations.evaluateModel, async ({ params, body, user }) => {
  const model = await getModel(params.id);
  if (model.kind !== "GGUF") throw new AppError(409, "not_gguf", `${model.name} is not a GGUF file`, "Perplexity is measured on GGUF files; convert the model first.");
  const job = await createJob(
    { kind: "model.evaluate", hostId: model.hostId, payload: { artifactId: model.id, textPath: body.textPath, contextSize: body.contextSize, chunks: body.chunks, baseline: body.baseline, name: model.name } },
    user.id,
  );
  return { job };
});
