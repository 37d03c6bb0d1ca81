import { readCookie } from "@/lib/api/handler";
import { SESSION_COOKIE, signOut } from "@/lib/auth/sessions";

export async function POST(request: Request) {
  await signOut(readCookie(request.headers.get("cookie"), SESSION_COOKIE));
  return new Response(null, {
    status: 303,
    headers: { location: "/login", "set-cookie": `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` },
  });
}
