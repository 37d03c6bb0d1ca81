import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { AppError } from "@/lib/errors";
import { createJob } from "@/lib/jobs/create-job";
import { getModel } from "@/lib/models/queries";
import { familyBaseName } from "@/lib/tools/llama-cpp/output-names";
import { findQuantType, isUnquantizedPrecision } from "@/lib/tools/llama-cpp/quant-types";

/** Queues one model.quantize job per requested type for a registered GGUF. */
export const POST = apiRoute(operations.quantizeModel, async ({ params, body, user }) => {
  const model = await getModel(params.id);
  if (model.kind !== "GGUF") {
    throw new AppError(409, "not_gguf", `${model.name} is not a GGUF file`, "Convert it instead: POST /api/v1/models/{id}/convert with the quantization types to make.");
  }
  if (!isUnquantizedPrecision(model.precision) && !body.allowRequantize) {
    throw new AppError(
      409,
      "requantize_refused",
      `${model.name} is already quantized (${model.precision ?? "unknown type"})`,
      "Quantize from this model's F16/BF16/F32 GGUF. Only if none exists, resend with allowRequantize: true (quality will be worse).",
    );
  }
  const types = [...new Set(body.types.map((t) => findQuantType(t)!.name))];
  const needing = types.filter((t) => findQuantType(t)!.needsImatrix);
  if (needing.length && !body.imatrixPath && !body.imatrixDatasetPath) {
    throw new AppError(400, "needs_imatrix", `${needing.join(", ")} need an importance matrix`, "Choose a calibration text file (imatrixDatasetPath) or an existing imatrix file (imatrixPath).");
  }
  const jobs = [];
  for (const type of types) {
    jobs.push(
      await createJob(
        {
          kind: "model.quantize",
          hostId: model.hostId,
          payload: {
            artifactId: model.id,
            type,
            name: body.name ?? familyBaseName(model.name, model.metadata),
            outputPath: body.outputPath,
            allowRequantize: body.allowRequantize,
            imatrixPath: body.imatrixPath,
            imatrixDatasetPath: body.imatrixDatasetPath,
            imatrixChunks: body.imatrixChunks,
            evaluate: body.evaluate,
            evalTextPath: body.evalTextPath,
            evalContextSize: body.evalContextSize,
            evalChunks: body.evalChunks,
          },
        },
        user.id,
      ),
    );
  }
  return { jobs };
});
