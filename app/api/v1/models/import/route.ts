import { apiRoute } from "@/lib/api/handler";
import { createJob } from "@/lib/jobs/create-job";
import { ImportModelInputSchema } from "@/lib/models/import-input";

export const POST = apiRoute({ body: ImportModelInputSchema }, ({ body, user }) =>
  createJob({ kind: "model.import", hostId: body.hostId, payload: { path: body.path, name: body.name } }, user.id),
);
