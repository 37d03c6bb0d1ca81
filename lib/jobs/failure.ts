import { z } from "zod";

export const JobFailureSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});
export type JobFailure = z.infer<typeof JobFailureSchema>;

/** Thrown by job handlers to end a job with a reason the user can act on. */
export class JobError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "JobError";
  }

  toFailure(): JobFailure {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

export function failureFrom(err: unknown): JobFailure {
  if (err instanceof JobError) return err.toFailure();
  const message = err instanceof Error ? err.message : String(err);
  return { code: "internal_error", message, hint: "This is a bug or an unexpected condition on the worker; the log tail may say more." };
}
