import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { createJobs } from "@/lib/jobs/create-job";
import { storeUpload } from "@/lib/uploads/store-upload";

/** Streams the file into PostgreSQL, then queues dataset.import so the host's worker writes and validates it. */
export const POST = apiRoute(operations.uploadDataset, async ({ query, request, user }) => {
  const host = await db.host.findUnique({ where: { id: query.hostId }, select: { id: true } });
  if (!host) throw notFound("Host", query.hostId);
  const upload = await storeUpload(request, { hostId: host.id, fileName: query.fileName, userId: user.id });
  const [job] = await createJobs("dataset.import", { hostId: host.id, payloads: [{ uploadId: upload.id, fileName: query.fileName, name: query.name }] }, user.id);
  return { job };
});
