/** Queues by resource; each host consumes its own copy so work lands where the files are. */
export const QUEUE_KINDS = ["host-io", "convert", "gpu-train", "deploy"] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export function hostQueueName(queue: QueueKind, hostId: string): string {
  return `${queue}--${hostId}`;
}

/** BullMQ carries ids only; the row in PostgreSQL holds the payload. */
export type DeliveryData = { jobId: string };
