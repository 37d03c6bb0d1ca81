import { pathPattern, type HttpMethod } from "./operation";
import { OPERATIONS } from "./operations";

/** Routes outside the versioned API (sign-in) with the methods they declare. */
const AUTH_ROUTES: Record<string, HttpMethod[]> = {
  "/api/auth/login": ["POST"],
  "/api/auth/logout": ["POST"],
};

const TABLE: { pattern: RegExp; method: HttpMethod }[] = OPERATIONS.map((op) => ({ pattern: pathPattern(op.path), method: op.method }));

/** The methods declared at an API path, or null when no route lives there. */
export function allowedMethods(pathname: string): HttpMethod[] | null {
  const auth = AUTH_ROUTES[pathname.replace(/\/$/, "")];
  if (auth) return auth;
  // A literal segment (/models/import) wins over a parameter (/models/{id}), as in the router.
  const literal = OPERATIONS.filter((op) => !op.path.includes("{") && pathPattern(op.path).test(pathname));
  const matches = literal.length ? literal : TABLE.filter((t) => t.pattern.test(pathname));
  if (!matches.length) return null;
  return [...new Set(matches.map((m) => m.method))];
}
