/**
 * The one error hierarchy. Every error a user can act on carries a stable `code`, a message and a
 * `hint` (what to try). Shared domain code (planning, path checks, file readers) runs both behind
 * routes and inside workers, so one throw must make sense in both places: a route answers it with
 * its HTTP status (`lib/api/handler.ts` `errorResponse`), a worker stores it as the job's failure
 * (`lib/jobs/failure.ts` `failureFrom`).
 */
export class AppError extends Error {
  /**
   * `status` is the HTTP answer when this reaches a route; errors raised only by job code leave it
   * out (see `JobError`) and a route answers those with `UNPROCESSABLE`.
   */
  constructor(
    readonly status: number | undefined,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/**
 * A job ends with this reason. No HTTP status: when the same check runs behind a route (a file
 * reader, a path confinement) it is the request's content that cannot be carried out.
 */
export class JobError extends AppError {
  constructor(code: string, message: string, hint?: string, details?: unknown) {
    super(undefined, code, message, hint, details);
    this.name = "JobError";
  }
}

/** What a route answers for an `AppError` without its own status: the request was well formed but cannot be carried out. */
export const UNPROCESSABLE = 422;

export const notFound = (what: string, id: string) =>
  new AppError(404, "not_found", `${what} ${id} does not exist`, `Check the id; list ${what.toLowerCase()}s to find it.`);
