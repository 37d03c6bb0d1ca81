import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { clientAddress } from "@/lib/auth/client-address";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { changePassword } from "@/lib/auth/sign-in";
import { throttledErrorResponse } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";

/**
 * Changes the caller's password and signs out every session, then hands this browser a fresh
 * session so it stays signed in. Personal tokens are not sessions and keep working.
 */
export const POST = apiRoute(operations.changePassword, async ({ user, body, request }) => {
  // A well-formed request that the account's state refuses: 409 and 403, not 400 (the document
  // calls such a body valid, and it is; what it asks for conflicts with the stored password).
  if (body.newPassword === body.currentPassword) {
    throw new AppError(409, "password_unchanged", "The new password must differ from the current one", "Choose a new password.");
  }
  const result = await changePassword(user.id, body.currentPassword, body.newPassword, clientAddress(request));
  if (!result.ok) {
    if (result.code === "bad_credentials") {
      throw new AppError(403, "wrong_current_password", "The current password is wrong", "Type the password you signed in with; after 5 wrong tries the account is locked for a while.");
    }
    return throttledErrorResponse(result);
  }
  // A bearer-token caller has no browser session to replace.
  const headers = new Headers();
  if (!request.headers.has("authorization")) headers.set("set-cookie", sessionCookie(request, result));
  return Response.json({ ok: true }, { headers });
});
