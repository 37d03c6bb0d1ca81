import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createJob } from "@/lib/jobs/create-job";

export const POST = apiRoute(operations.importModel, ({ body, user }) =>
  createJob({ kind: "model.import", hostId: body.hostId, payload: { path: body.path, name: body.name } }, user.id),
);
