import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The dashboard's own origin: MODELYARD_PUBLIC_URL when set (behind a proxy that rewrites
 * Host), otherwise the scheme and Host this request arrived with.
 */
export function ownOrigin(request: Request): string {
  const configured = process.env.MODELYARD_PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(request.url);
  const host = request.headers.get("host") ?? url.host;
  return `${url.protocol}//${host}`;
}

/**
 * CSRF defence for cookie-authenticated requests that change state: the browser's Origin (or,
 * when a browser omits it, Sec-Fetch-Site) must say the request came from the dashboard
 * itself. Another port on the same host is another origin and is refused.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (origin === ownOrigin(request)) return;
    throw new AppError(403, "cross_origin_refused", "Cross-site request refused", "Call the API from the dashboard itself, or use Authorization: Bearer <personal token>.");
  }
  if (request.headers.get("sec-fetch-site") === "same-origin") return;
  throw new AppError(403, "origin_required", "Cookie-authenticated request without an Origin header refused", "Browsers send Origin automatically; scripts should use Authorization: Bearer <personal token>.");
}
