import { errorResponse, readCookie } from "@/lib/api/handler";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { clearedSessionCookie } from "@/lib/auth/session-cookie";
import { SESSION_COOKIE, signOut } from "@/lib/auth/sessions";

export async function POST(request: Request) {
  try {
    // A cross-site form must not be able to sign the user out.
    assertSameOrigin(request);
    let token: string | undefined;
    try {
      token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
    } catch {
      token = undefined; // a malformed cookie (a lone "%") is no session; clearing it is still right
    }
    await signOut(token);
    return new Response(null, { status: 303, headers: { location: "/login", "set-cookie": clearedSessionCookie(request) } });
  } catch (err) {
    return errorResponse(err);
  }
}
