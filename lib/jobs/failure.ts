import { z } from "zod";
import { AppError } from "../errors";

export const JobFailureSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});
export type JobFailure = z.infer<typeof JobFailureSchema>;

/** Any `AppError` (a `JobError`, or a refusal shared with routes that carries a status) keeps its code and hint. */
export function failureFrom(err: unknown): JobFailure {
  if (err instanceof AppError) return { code: err.code, message: err.message, hint: err.hint };
  const message = err instanceof Error ? err.message : String(err);
  return { code: "internal_error", message, hint: "This is a bug or an unexpected condition on the worker; the log tail may say more." };
}
