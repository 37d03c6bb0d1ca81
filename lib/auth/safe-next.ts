const BASE = "http://modelyard.invalid";

/**
 * Where to go after sign-in: only a path on this dashboard. The value is resolved with the
 * URL parser, the same way the browser will resolve it, so whatever it strips or rewrites (tab,
 * newline, backslash, `//host`, schemes) cannot smuggle in another origin; a value that
 * lands anywhere but the dummy origin gives "/".
 */
export function safeNext(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The path is emitted into a Location header and the client router as is: keep it to one "/".
  return path.startsWith("//") || path.startsWith("/\\") ? "/" : path;
}
