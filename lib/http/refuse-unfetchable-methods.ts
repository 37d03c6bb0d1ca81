import http from "node:http";

/**
 * Methods the Fetch API cannot represent (TRACE, CONNECT, TRACK, and anything non-standard):
 * Next.js builds a `Request` for its proxy and route handlers, which throws for these, so they
 * would end as a 500 before any of our code runs. Answered here instead, at the HTTP server.
 */
const FETCHABLE = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

let installed = false;

/** `allowFor(pathname)` gives the Allow header for the path, as the proxy would. */
export function refuseUnfetchableMethods(allowFor: (pathname: string) => string): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (!FETCHABLE.has(req.method ?? "")) {
        const pathname = (req.url ?? "/").split("?")[0];
        const body = JSON.stringify({
          error: { code: "method_not_allowed", message: `${req.method} is not allowed on ${pathname}`, hint: "Use a method the API document lists for this path." },
        });
        res.writeHead(405, { allow: allowFor(pathname), "content-type": "application/json", "x-content-type-options": "nosniff" });
        res.end(body);
        req.resume();
        return true;
      }
    }
    return (emit as (this: http.Server, e: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}
