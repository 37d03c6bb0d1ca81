import { z } from "zod";
import { db } from "../db/client";
import { AppError } from "../errors";
import { deliverJob } from "../queue/producer";
import { JOB_KINDS, isJobKind, type JobKind } from "./kinds";
import { englishText, type JobKindSpec, type Prepared } from "./kinds/kind";

export const CreateJobInputSchema = z.object({
  kind: z.string(),
  hostId: z.string().min(1),
  payload: z.unknown(),
  parentJobId: z.string().optional(),
});
export type CreateJobInput = z.infer<typeof CreateJobInputSchema>;

/**
 * Writes the row first (the truth), then delivers it. If delivery fails (Redis down) the row
 * stays QUEUED and the sweeper delivers it later, so the request still succeeds.
 */
export async function createJob(input: CreateJobInput, createdById: string | null) {
  if (!isJobKind(input.kind)) {
    throw new AppError(400, "unknown_kind", `Unknown job kind "${input.kind}"`, `Use one of: ${Object.keys(JOB_KINDS).join(", ")}`);
  }
  const spec: JobKindSpec = JOB_KINDS[input.kind as JobKind] as unknown as JobKindSpec;
  const parsed = spec.payload.safeParse(input.payload);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ");
    throw new AppError(400, "invalid_payload", `Invalid ${input.kind} payload: ${fields}`, "Fix the listed fields and resend.", parsed.error.issues);
  }
  const host = await db.host.findUnique({ where: { id: input.hostId }, select: { id: true } });
  if (!host) throw new AppError(404, "host_not_found", `Host ${input.hostId} does not exist`, "Pick a host from the Hosts page.");

  const needs = spec.resources(parsed.data);
  const job = await db.job.create({
    data: {
      gpusRequested: needs.gpus,
      shareGpus: needs.shareGpus ?? false,
      kind: input.kind,
      queue: spec.queue,
      hostId: host.id,
      payload: parsed.data as object,
      title: englishText(spec.title(parsed.data)),
      createdById,
      parentJobId: input.parentJobId,
      eventSeq: 1,
      events: { create: { seq: 1, type: "STATUS", payload: { status: "QUEUED" } } },
    },
  });
  try {
    // Redis being down must not hang the request: the row is saved and the sweeper delivers it.
    await Promise.race([
      deliverJob(job),
      new Promise((_, reject) => setTimeout(() => reject(new Error("Redis did not answer within 2 s")), 2_000).unref()),
    ]);
    await db.job.updateMany({ where: { id: job.id, enqueuedAt: null }, data: { enqueuedAt: new Date() } });
  } catch (err) {
    console.warn(`job ${job.id} saved but not delivered yet (${(err as Error).message}); the sweeper will retry`);
  }
  return job;
}

/** Queues what a kind's `prepare` planned, one job per payload in order (routes, and handlers for child jobs). */
export async function createJobs<K extends JobKind>(kind: K, prepared: Prepared<z.input<(typeof JOB_KINDS)[K]["payload"]>>, createdById: string | null, parentJobId?: string) {
  const jobs = [];
  for (const payload of prepared.payloads) jobs.push(await createJob({ kind, hostId: prepared.hostId, payload, parentJobId }, createdById));
  return jobs;
}
