import { errorResponse, readCookie } from "@/lib/api/handler";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { clearedSessionCookie } from "@/lib/auth/session-cookie";
import { SESSION_COOKIE, signOut } from "@/lib/auth/sessions";

export async function POST(request: Request) {
  try {
    // A cross-site form must not be able to sign the user out.
    assertSameOrigin(request);
    await signOut(readCookie(request.headers.get("cookie"), SESSION_COOKIE));
    return new Response(null, { status: 303, headers: { location: "/login", "set-cookie": clearedSessionCookie(request) } });
  } catch (err) {
    return errorResponse(err);
  }
}
