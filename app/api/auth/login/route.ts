import { errorResponse } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/api/read-body";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { clientAddress } from "@/lib/auth/client-address";
import { LoginInputSchema } from "@/lib/auth/login-input";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { signIn } from "@/lib/auth/sign-in";
import { throttledErrorResponse } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";

/** An email and a password fit in far less; anything bigger is refused while it streams in. */
const LOGIN_BODY_LIMIT = 8_192;

export async function POST(request: Request) {
  try {
    // Login CSRF: a cross-site page must not sign the browser into an account it chose.
    assertSameOrigin(request);
    const input = LoginInputSchema.safeParse(await readJsonBody(request, LOGIN_BODY_LIMIT));
    if (!input.success) throw new AppError(400, "validation_failed", "Enter your email and password", "Both fields are required.");
    const result = await signIn(input.data.email, input.data.password, clientAddress(request));
    if (!result.ok) {
      if (result.code === "bad_credentials") {
        throw new AppError(401, "bad_credentials", "Email or password is wrong", "Check both; the first admin's password was printed when the dashboard first started.");
      }
      return throttledErrorResponse(result);
    }
    return Response.json({ ok: true }, { headers: { "set-cookie": sessionCookie(request, result) } });
  } catch (err) {
    return errorResponse(err);
  }
}
