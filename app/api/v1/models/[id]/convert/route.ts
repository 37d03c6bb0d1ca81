import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { AppError } from "@/lib/errors";
import { createJob } from "@/lib/jobs/create-job";
import { customCodeOf, customCodeRefusal } from "@/lib/models/custom-code";
import { getModel } from "@/lib/models/queries";
import { PlanError, planConversion } from "@/lib/tools/llama-cpp/plan";

/**
 * Queues model.convert for a registered HF model. The plan (convert once, then one quantize job
 * per type) is decided here so a bad request fails before anything is queued, and returned with
 * the job so the form can show what will happen.
 */
export const POST = apiRoute(operations.convertModel, async ({ params, body, user }) => {
  const model = await getModel(params.id);
  if (model.kind === "GGUF") {
    throw new AppError(409, "not_hf_model", `${model.name} is already a GGUF file`, "Quantize it instead: POST /api/v1/models/{id}/quantize.");
  }
  if (model.kind !== "HF_MODEL") {
    throw new AppError(409, "not_hf_model", `${model.name} is a LoRA adapter, not a full model`, "Merge the adapter into its base model first, then convert the merged model.");
  }
  const customCode = customCodeOf(model.metadata);
  const refusal = customCodeRefusal(model.name, customCode, body.allowCustomCode);
  if (refusal) throw new AppError(409, refusal.code, refusal.message, refusal.hint);
  let plan;
  try {
    plan = planConversion({ outtype: body.outtype, quantize: body.quantize, sourceDtype: model.precision });
  } catch (err) {
    if (err instanceof PlanError) throw new AppError(400, err.code, err.message, err.hint);
    throw err;
  }
  if (plan.needsImatrix && !body.imatrixDatasetPath) {
    throw new AppError(400, "needs_imatrix", `${plan.imatrixRequiredBy.join(", ")} need an importance matrix`, "Choose a calibration text file (imatrixDatasetPath) on the host, or drop those types.");
  }
  const followUp =
    plan.quantize.length || body.evaluate || body.imatrixDatasetPath
      ? {
          quantize: plan.quantize,
          imatrixDatasetPath: body.imatrixDatasetPath,
          imatrixChunks: body.imatrixChunks,
          evaluate: body.evaluate,
          evalTextPath: body.evalTextPath,
          evalContextSize: body.evalContextSize,
          evalChunks: body.evalChunks,
        }
      : undefined;
  const job = await createJob(
    {
      kind: "model.convert",
      hostId: model.hostId,
      payload: {
        artifactId: model.id,
        outtype: plan.convertOuttype,
        name: body.name ?? model.name,
        metadata: body.metadata,
        outputPath: body.outputPath,
        followUp,
        ...(customCode ? { allowCustomCode: true } : {}),
      },
    },
    user.id,
  );
  return { job, plan };
});
