import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE, userForSession, type AuthUser } from "@/lib/auth/sessions";

/** For server components and layouts: the signed-in user, or a redirect to /login. */
export async function requireUser(): Promise<AuthUser> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const user = await userForSession(token);
  if (!user) redirect("/login");
  return user;
}
