/** Errors the API maps to HTTP statuses; `hint` says what to fix. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string, id: string) =>
  new AppError(404, "not_found", `${what} ${id} does not exist`, `Check the id; list ${what.toLowerCase()}s to find it.`);
