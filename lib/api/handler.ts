import { z } from "zod";
import { resolveApiToken } from "../auth/api-tokens";
import { SESSION_COOKIE, userForSession, type AuthUser } from "../auth/sessions";
import { AppError } from "../errors";

const MAX_BODY_BYTES = 1_000_000;

export type ApiContext<B, Q> = { user: AuthUser; body: B; query: Q; params: Record<string, string>; request: Request };

type Options<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> = { body?: B; query?: Q };
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/** Browser session cookie or `Authorization: Bearer <personal token>`. */
export async function authenticate(request: Request): Promise<AuthUser | null> {
  const auth = request.headers.get("authorization");
  if (auth?.startsWith("Bearer ")) {
    const found = await resolveApiToken(auth.slice(7).trim(), "PERSONAL");
    return found?.user ?? null;
  }
  return userForSession(readCookie(request.headers.get("cookie"), SESSION_COOKIE));
}

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    return Response.json({ error: { code: err.code, message: err.message, hint: err.hint, details: err.details } }, { status: err.status });
  }
  console.error("[api] unexpected error", err);
  return Response.json({ error: { code: "internal_error", message: "Unexpected server error", hint: "Retry; if it persists, check the server log." } }, { status: 500 });
}

async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError(413, "body_too_large", `Request body is ${declared} bytes; the limit is ${MAX_BODY_BYTES}`, "Send a smaller body.");
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError(413, "body_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes`, "Send a smaller body.");
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, "invalid_json", "Request body is not valid JSON", "Send a JSON object with Content-Type: application/json.");
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const fields = r.error.issues.map((i) => `${i.path.join(".") || where}: ${i.message}`);
    throw new AppError(400, "validation_failed", `Invalid ${where}: ${fields.join("; ")}`, "Fix the listed fields and resend.", r.error.issues);
  }
  return r.data;
}

/** One auth wrapper for every /api/v1 route: authenticate, parse input with zod, map errors. */
export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  opts: Options<B, Q>,
  handler: (ctx: ApiContext<Infer<B>, Infer<Q>>) => Promise<unknown>,
) {
  return async (request: Request, route: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const user = await authenticate(request);
      if (!user) throw new AppError(401, "unauthenticated", "Sign in or send Authorization: Bearer <personal token>", "Create a token under Settings → API tokens.");
      const params = (await route?.params) ?? {};
      const body = opts.body ? parseWith(opts.body, await readJsonBody(request), "body") : undefined;
      const query = opts.query ? parseWith(opts.query, Object.fromEntries(new URL(request.url).searchParams), "query") : undefined;
      const out = await handler({ user, body: body as Infer<B>, query: query as Infer<Q>, params, request });
      if (out instanceof Response) return out;
      return new Response(toJson(out), { status: 200, headers: { "content-type": "application/json" } });
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
