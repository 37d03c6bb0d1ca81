import type { z } from "zod";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Error statuses every authenticated operation can answer, besides its own. */
export const COMMON_ERRORS = [400, 401, 403, 429] as const;

/**
 * One API operation's contract: where it lives, who may call it and the zod schemas of what goes
 * in and out. Route handlers bind a handler to it (`apiRoute`), the proxy answers undeclared
 * methods from the same table, and the OpenAPI document is generated from it.
 */
export type Operation = {
  id: string;
  method: HttpMethod;
  /** OpenAPI path under /api/v1, with `{param}` segments. */
  path: string;
  summary: string;
  tag: string;
  /** "user": a session cookie or a personal token; "admin": the same, with the ADMIN role; "public": anyone. */
  access: "user" | "admin" | "public";
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  /**
   * A raw `application/octet-stream` body instead of JSON (file uploads): the handler streams
   * `request.body` itself and enforces `maxBytes` while it reads.
   */
  upload?: { maxBytes: number; description: string };
  /** A zod schema for a JSON answer, or "sse" for a text/event-stream of `events`. */
  response: z.ZodType | "sse";
  /** With "sse": the schema of each event (id, event, data). */
  events?: z.ZodType;
  /** Statuses this operation answers besides 200 and COMMON_ERRORS. */
  errors: number[];
};

export function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

/** `/jobs/{id}/events` → a regex that matches `/api/v1/jobs/<id>/events`. */
export function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^/api/v1${escaped}/?$`);
}
