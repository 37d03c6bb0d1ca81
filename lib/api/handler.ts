import { z } from "zod";
import { resolveApiToken } from "../auth/api-tokens";
import { SESSION_COOKIE, userForSession, type AuthUser } from "../auth/sessions";
import { AppError, UNPROCESSABLE } from "../errors";
import type { Operation } from "./operation";
import { readJsonBody } from "./read-body";
import { assertSameOrigin } from "./same-origin";

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ApiContext<O extends Operation> = {
  user: O["access"] extends "public" ? AuthUser | null : AuthUser;
  params: Infer<O["params"]>;
  query: Infer<O["query"]>;
  headers: Infer<O["headers"]>;
  body: Infer<O["body"]>;
  request: Request;
};

/** Cookie value by name; a malformed value (a lone `%`) counts as absent instead of throwing. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export type Caller = { user: AuthUser; via: "session" | "token" };

/** `Authorization: Bearer <personal token>` or the browser's session cookie. */
export async function authenticate(request: Request): Promise<Caller | null> {
  const auth = request.headers.get("authorization");
  if (auth !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    const found = m ? await resolveApiToken(m[1], "PERSONAL") : null;
    return found ? { user: found.user, via: "token" } : null;
  }
  const user = await userForSession(readCookie(request.headers.get("cookie"), SESSION_COOKIE));
  return user ? { user, via: "session" } : null;
}

export const unauthenticated = () =>
  new AppError(401, "unauthenticated", "Sign in or send Authorization: Bearer <personal token>", "Create a token under Settings → API tokens.");

/** Prisma's known request errors that bad input can still reach; anything else is a server fault. */
function fromPrismaError(err: unknown): AppError | null {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== "string" || !/^P2\d{3}$/.test(code)) return null;
  if (code === "P2025") return new AppError(404, "not_found", "The record does not exist", "Check the id.");
  if (code === "P2003") return new AppError(404, "reference_not_found", "A referenced record does not exist", "Check the ids in the request.");
  if (code === "P2002") return new AppError(409, "already_exists", "A record with these values already exists", "Use a different name or path.");
  return new AppError(400, "invalid_value", "A value in the request cannot be stored", "Check the request's values.");
}

export function errorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, hint: err.hint, details: err.details } };
}

export function errorResponse(err: unknown, headers?: HeadersInit): Response {
  const known = err instanceof AppError ? err : fromPrismaError(err);
  if (known) return Response.json(errorBody(known), { status: known.status ?? UNPROCESSABLE, headers });
  console.error("[api] unexpected error", err);
  return Response.json(
    { error: { code: "internal_error", message: "Unexpected server error", hint: "Retry; if it persists, check the server log." } },
    { status: 500, headers },
  );
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const fields = r.error.issues.map((i) => `${i.path.join(".") || where}: ${i.message}`);
    throw new AppError(400, "validation_failed", `Invalid ${where}: ${fields.join("; ")}`, "Fix the listed fields and resend.", r.error.issues);
  }
  return r.data;
}

/** PostgreSQL text cannot hold NUL, and no legitimate id, name or path contains one. */
function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => k.includes("\u0000") || containsNul(v));
  return false;
}

/** Percent-decoding can throw (a lone `%`), so look for NUL in the parsed parts instead. */
function urlContainsNul(url: URL): boolean {
  if (/%00/i.test(url.pathname) || url.pathname.includes("\u0000")) return true;
  for (const [k, v] of url.searchParams) if (k.includes("\u0000") || v.includes("\u0000")) return true;
  return false;
}

const nulRefused = (where: string) => new AppError(400, "nul_byte", `The ${where} contains a NUL byte`, "Remove control characters from the request.");

/** Uploads are raw bytes; a form post or JSON sent there is a client mistake worth naming. */
function requireOctetStream(request: Request, maxBytes: number): void {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/octet-stream") {
    throw new AppError(415, "unsupported_media_type", "Upload the file's bytes as the request body", "Send it with Content-Type: application/octet-stream.");
  }
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    throw new AppError(413, "body_too_large", `The file is larger than ${maxBytes} bytes`, "Copy large files to the host and register them by path instead.");
  }
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) out[k] = v;
  return out;
}

/**
 * The one wrapper every /api/v1 route handler goes through: establishes the caller (token or
 * session, with the Origin check for cookie-authenticated writes), parses params, query, headers
 * and body with the operation's zod schemas, maps every error to `{code, message, hint}`, and
 * sends the answer through the operation's response schema so the document stays exact.
 */
export function apiRoute<O extends Operation>(op: O, handler: (ctx: ApiContext<O>) => Promise<unknown> | unknown) {
  return async (request: Request, route?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      const url = new URL(request.url);
      if (urlContainsNul(url)) throw nulRefused("URL");
      let user: AuthUser | null = null;
      if (op.access !== "public") {
        const caller = await authenticate(request);
        if (!caller) throw unauthenticated();
        if (caller.via === "session") assertSameOrigin(request);
        if (op.access === "admin" && caller.user.role !== "ADMIN") {
          throw new AppError(403, "forbidden", "Only admins may do this", "Ask an admin.");
        }
        user = caller.user;
      }
      const rawParams = (await route?.params) ?? {};
      const params = op.params ? parseWith(op.params, rawParams, "path") : undefined;
      const query = op.query ? parseWith(op.query, queryObject(url), "query") : undefined;
      const headers = op.headers ? parseWith(op.headers, Object.fromEntries(request.headers), "headers") : undefined;
      let body: unknown;
      if (op.upload) requireOctetStream(request, op.upload.maxBytes);
      if (op.body) {
        body = parseWith(op.body, await readJsonBody(request), "body");
        // After parsing, so only values the operation keeps are judged: a property the schema
        // does not name is dropped, as the document allows, whatever it contains.
        if (containsNul(body)) throw nulRefused("body");
      }
      const out = await handler({ user, params, query, headers, body, request } as ApiContext<O>);
      if (out instanceof Response) return out;
      const encoded = op.response === "sse" ? out : (op.response as z.ZodType).parse(jsonSafe(out));
      return new Response(JSON.stringify(encoded), { status: 200, headers: { "content-type": "application/json" } });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** BigInt columns (sizes, parameter counts) become numbers: exact below 2^53, which covers them. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
}

export function jsonSafe<T>(value: T): T {
  return JSON.parse(toJson(value));
}
