import type { JobStatus } from "../db/generated/enums";

export const JOB_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const satisfies readonly JobStatus[];
export const TERMINAL_STATUSES: readonly JobStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED"];

/** The only moves a job row may make; transitions.ts checks every status write against it. */
const TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  QUEUED: ["RUNNING", "CANCELLED", "FAILED"],
  // RUNNING -> QUEUED: a worker shutting down hands its job back.
  RUNNING: ["SUCCEEDED", "FAILED", "CANCELLED", "QUEUED"],
  SUCCEEDED: [],
  FAILED: [],
  CANCELLED: [],
};

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}
