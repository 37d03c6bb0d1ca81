import { errorResponse } from "@/lib/api/handler";
import { LoginInputSchema } from "@/lib/auth/login-input";
import { SESSION_COOKIE, signIn } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";

export async function POST(request: Request) {
  try {
    const raw = await request.json().catch(() => null);
    const input = LoginInputSchema.safeParse(raw);
    if (!input.success) throw new AppError(400, "validation_failed", "Enter your email and password", "Both fields are required.");
    const session = await signIn(input.data.email, input.data.password);
    if (!session) throw new AppError(401, "bad_credentials", "Email or password is wrong", "Check both; the first admin's password was printed when the dashboard first started.");
    const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
    return new Response(JSON.stringify({ ok: true }), {
      headers: {
        "content-type": "application/json",
        "set-cookie": `${SESSION_COOKIE}=${session.token}; Path=/; HttpOnly; SameSite=Lax; Expires=${session.expiresAt.toUTCString()}${secure}`,
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
