import { servedOverHttps } from "./client-address";
import { SESSION_COOKIE, type NewSession } from "./sessions";

/**
 * The one place the session cookie is written: HttpOnly (scripts cannot read it), SameSite=Lax
 * (not sent on cross-site POSTs), Secure whenever the dashboard is reached over HTTPS.
 */
export function sessionCookie(request: Request, session: NewSession): string {
  return serialise(request, `${SESSION_COOKIE}=${session.token}`, `Expires=${session.expiresAt.toUTCString()}`);
}

export function clearedSessionCookie(request: Request): string {
  return serialise(request, `${SESSION_COOKIE}=`, "Max-Age=0");
}

function serialise(request: Request, pair: string, lifetime: string): string {
  const secure = servedOverHttps(request) ? "; Secure" : "";
  return `${pair}; Path=/; HttpOnly; SameSite=Lax; ${lifetime}${secure}`;
}
