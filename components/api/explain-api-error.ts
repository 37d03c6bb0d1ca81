import { ApiCallError, type ApiErrorBody } from "./fetch-json";

/** What a form shows for a failed call: the box above the button, and messages at its fields. */
export type ExplainedError<F extends string> = { error: ApiErrorBody | null; fieldErrors: Partial<Record<F, string>> };

export type ExplainOptions<F extends string> = {
  /** Request body keys → the form's field names; only these fields get zod `details` messages. */
  fields?: Partial<Record<string, F>>;
  /** Error codes that are about one field: shown there, in the form's words, instead of the box. */
  fieldCodes?: Partial<Record<string, { field: F; message: string }>>;
  /** Rewrites the box's error (sign-in's 429 becomes "locked, try again in …"). */
  mapError?: (err: ApiErrorBody) => ApiErrorBody;
};

/** Anything a call can throw, as the API's error shape; a bug in our own code still says what broke. */
export function toApiErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof ApiCallError) return err.body;
  return { code: "error", message: err instanceof Error ? err.message : String(err) };
}

type Issue = { path: readonly PropertyKey[]; message: string };

function isIssue(v: unknown): v is Issue {
  const i = v as Issue;
  return !!i && typeof i === "object" && Array.isArray(i.path) && typeof i.message === "string";
}

/**
 * Splits an API error into the box and per-field messages. A 400 `validation_failed` carries the
 * zod issues in `details`; each issue whose top-level key the form shows lands at that field (the
 * first issue per field wins). The box stays for validation errors too, so a field the form does
 * not show is never silently dropped.
 */
export function explainApiError<F extends string>(err: ApiErrorBody, opts: ExplainOptions<F> = {}): ExplainedError<F> {
  const own = opts.fieldCodes?.[err.code];
  if (own) return { error: null, fieldErrors: { [own.field]: own.message } as Partial<Record<F, string>> };
  const fieldErrors: Partial<Record<F, string>> = {};
  if (opts.fields && Array.isArray(err.details)) {
    for (const issue of err.details.filter(isIssue)) {
      const key = issue.path[0];
      const field = typeof key === "string" ? opts.fields[key] : undefined;
      if (field && fieldErrors[field] === undefined) fieldErrors[field] = issue.message;
    }
  }
  return { error: opts.mapError ? opts.mapError(err) : err, fieldErrors };
}
