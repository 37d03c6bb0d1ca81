import { db } from "../db/client";
import { AppError, notFound } from "../errors";
import { withdrawJob } from "../queue/producer";
import { appendJobEvents } from "./events";
import { moveJob } from "./transitions";

export type CancelAnswer = { status: "CANCELLED" | "CANCELLING" };

/** QUEUED stops at once; RUNNING is flagged and the worker stops the process group. */
export async function cancelJob(jobId: string): Promise<CancelAnswer> {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { id: true, status: true, queue: true, hostId: true } });
  if (!job) throw notFound("Job", jobId);

  if (job.status === "QUEUED") {
    const now = new Date();
    const moved = await moveJob(jobId, { from: "QUEUED", to: "CANCELLED", data: { cancelRequestedAt: now, finishedAt: now }, event: { by: "user" } });
    if (moved) {
      await withdrawJob(job).catch(() => undefined);
      return { status: "CANCELLED" };
    }
    // Claimed between our read and write: fall through to the running case.
  }
  const { count } = await db.job.updateMany({
    where: { id: jobId, status: "RUNNING", cancelRequestedAt: null },
    data: { cancelRequestedAt: new Date() },
  });
  if (count === 1) {
    await appendJobEvents(jobId, [{ type: "LOG", payload: { stream: "system", line: "Cancel requested; stopping the process group" } }]);
    return { status: "CANCELLING" };
  }
  const now = await db.job.findUnique({ where: { id: jobId }, select: { status: true, cancelRequestedAt: true } });
  if (now?.status === "RUNNING") return { status: "CANCELLING" };
  throw new AppError(409, "not_cancellable", `Job ${jobId} is ${now?.status ?? "gone"} and cannot be cancelled`, "Only queued or running jobs can be cancelled.");
}
