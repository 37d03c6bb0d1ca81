import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods } from "@/lib/api/allowed-methods";
import { readCookie, errorBody } from "@/lib/api/handler";
import { API_CSP, BASE_SECURITY_HEADERS, pageCsp } from "@/lib/api/security-headers";
import { SESSION_COOKIE, userForSession } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";

/** Pages anyone may see; everything else needs a valid session. */
const PUBLIC_PAGES = new Set(["/login"]);

function withHeaders(res: NextResponse, csp: string): NextResponse {
  for (const [k, v] of Object.entries(BASE_SECURITY_HEADERS)) res.headers.set(k, v);
  res.headers.set("content-security-policy", csp);
  return res;
}

function jsonError(err: AppError, headers: Record<string, string> = {}): NextResponse {
  return withHeaders(NextResponse.json(errorBody(err), { status: err.status, headers }), API_CSP);
}

/**
 * API requests: answer undeclared paths and methods here, from the operation table, so every
 * route gets the same 404/405 with `Allow`. Who is calling is established by `apiRoute`.
 */
function apiGate(request: NextRequest): NextResponse {
  const allowed = allowedMethods(request.nextUrl.pathname);
  if (!allowed) {
    return jsonError(new AppError(404, "no_such_route", `No API route at ${request.nextUrl.pathname}`, "See /api/v1/openapi.json for the routes."));
  }
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : [])].join(", ");
  if (request.method === "OPTIONS") return withHeaders(new NextResponse(null, { status: 204, headers: { allow } }), API_CSP);
  if (!allow.split(", ").includes(request.method)) {
    return jsonError(new AppError(405, "method_not_allowed", `${request.method} is not allowed on ${request.nextUrl.pathname}`, `Use ${allow}.`), { allow });
  }
  return withHeaders(NextResponse.next(), API_CSP);
}

/**
 * Pages: the sign-in check happens here for every request, including client navigations
 * (RSC fetches and prefetches skip layouts), before any server component runs. Pages check
 * again where they read data.
 */
async function pageGate(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (request.method !== "GET" && request.method !== "HEAD") {
    return jsonError(new AppError(405, "method_not_allowed", `${request.method} is not allowed on pages`, "Pages answer GET; changes go through /api/v1."), { allow: "GET, HEAD" });
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https = request.nextUrl.protocol === "https:";
  const csp = pageCsp(nonce, { dev: process.env.NODE_ENV === "development", https });
  if (!PUBLIC_PAGES.has(pathname)) {
    const user = await userForSession(readCookie(request.headers.get("cookie"), SESSION_COOKIE)).catch(() => null);
    if (!user) {
      const login = new URL("/login", request.url);
      if (pathname !== "/") login.searchParams.set("next", pathname + search);
      const res = NextResponse.redirect(login, 307);
      res.headers.set("cache-control", "no-store");
      return withHeaders(res, csp);
    }
  }
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  return withHeaders(NextResponse.next({ request: { headers } }), csp);
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  return request.nextUrl.pathname.startsWith("/api/") ? apiGate(request) : pageGate(request);
}

export const config = {
  // Static build output carries no data; everything else, pages and API, passes the gate.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
