import http from "node:http";
import { allowedMethods } from "../api/allowed-methods";
import { API_CSP, BASE_SECURITY_HEADERS } from "../api/security-headers";

/**
 * Checks made on the raw HTTP request, before Next.js turns it into a `Request`:
 * - Methods the Fetch API cannot represent (TRACE, CONNECT, TRACK, anything non-standard) would
 *   throw inside Next and end as a 500 before any of our code runs.
 * - API paths and methods are answered from the operation table (404, 405 with Allow, OPTIONS)
 *   here rather than in the Next proxy, because a proxy that matches a route makes Next read and
 *   buffer the whole request body before the route handler can refuse it.
 * - A client talking to `next start` directly could set its own X-Forwarded-For (Next only fills
 *   it in when absent), which would let it pick its sign-in throttling bucket; unless a trusted
 *   proxy is declared, those headers are dropped so Next derives them from the socket.
 */
const FETCHABLE = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const FORWARDED = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip"];

type Answer = { status: number; headers: Record<string, string>; body?: { code: string; message: string; hint: string } };

function allowFor(methods: string[]): string {
  return [...methods, ...(methods.includes("GET") ? ["HEAD"] : [])].join(", ");
}

/** What the front door answers itself, or null to pass the request on to Next. */
export function frontDoorAnswer(method: string, url: string): Answer | null {
  const pathname = url.split("?")[0];
  const isApi = pathname.startsWith("/api/");
  const allowed = isApi ? allowedMethods(pathname) : null;
  if (isApi && !allowed) {
    return { status: 404, headers: {}, body: { code: "no_such_route", message: `No API route at ${pathname}`, hint: "See /api/v1/openapi.json for the routes." } };
  }
  const allow = allowed ? allowFor(allowed) : "GET, HEAD";
  if (isApi && method === "OPTIONS") return { status: 204, headers: { allow } };
  const refused = isApi ? !allow.split(", ").includes(method) : !FETCHABLE.has(method);
  if (!refused) return null;
  return {
    status: 405,
    headers: { allow },
    body: { code: "method_not_allowed", message: `${method} is not allowed on ${pathname}`, hint: `Use ${allow}.` },
  };
}

let installed = false;

export function installFrontDoor(opts: { trustProxy: boolean }): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function frontDoorEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (!opts.trustProxy) for (const h of FORWARDED) delete req.headers[h];
      const answer = frontDoorAnswer(req.method ?? "", req.url ?? "/");
      if (answer) {
        const body = answer.body ? JSON.stringify({ error: answer.body }) : "";
        res.writeHead(answer.status, {
          ...BASE_SECURITY_HEADERS,
          "content-security-policy": API_CSP,
          ...(body ? { "content-type": "application/json" } : {}),
          ...answer.headers,
        });
        res.end(body);
        req.resume();
        return true;
      }
    }
    return (emit as (this: http.Server, e: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}
