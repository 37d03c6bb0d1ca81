import { NextResponse, type NextRequest } from "next/server";
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
  return pageGate(request);
}

export const config = {
  // Static build output carries no data. API routes are not matched: a matched route has its
  // whole body read and buffered by Next before the handler runs, which would defeat the
  // streamed body limit. Their paths and methods are checked by the front door
  // (lib/http/front-door.ts) and their caller by apiRoute (lib/api/handler.ts).
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
