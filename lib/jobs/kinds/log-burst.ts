import { z } from "zod";
import type { JobKindSpec } from "./kind";

/** A self-test that prints lines: measures log streaming and exercises cancel and worker loss. */
export const LogBurstPayloadSchema = z.object({
  lines: z.number().int().min(1).max(1_000_000),
  intervalMs: z.number().int().min(0).max(1_000).default(0),
  exitCode: z.number().int().min(0).max(255).default(0),
  /** GPU slots to claim, so slot accounting can be tested on any host; the child prints CUDA_VISIBLE_DEVICES. */
  gpus: z.number().int().min(0).max(8).default(0),
});
export type LogBurstPayload = z.infer<typeof LogBurstPayloadSchema>;

/** No route of its own (POST /api/v1/jobs creates it), so no input schema or prepare. */
export const logBurst = {
  name: "host.log-burst",
  queue: "host-io",
  payload: LogBurstPayloadSchema,
  title: (p) => ({ key: "jobTitle.host.log-burst", params: { lines: p.lines } }),
  resources: (p) => ({ gpus: p.gpus }),
} as const satisfies JobKindSpec<typeof LogBurstPayloadSchema>;
