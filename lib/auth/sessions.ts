import { db } from "../db/client";
import { env } from "../env";
import { newSecret, sha256, verifyPassword } from "./secrets";

export const SESSION_COOKIE = "modelyard_session";

export type AuthUser = { id: string; email: string; name: string; role: "ADMIN" | "MEMBER" };

export async function signIn(email: string, password: string): Promise<{ token: string; expiresAt: Date } | null> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || !(await verifyPassword(password, user.passwordHash))) return null;
  const token = newSecret("my_ses");
  const expiresAt = new Date(Date.now() + env().SESSION_TTL_HOURS * 3_600_000);
  await db.session.create({ data: { tokenHash: sha256(token), userId: user.id, expiresAt } });
  return { token, expiresAt };
}

export async function userForSession(token: string | undefined): Promise<AuthUser | null> {
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: sha256(token) },
    include: { user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!session || session.expiresAt < new Date()) return null;
  return session.user;
}

export async function signOut(token: string | undefined): Promise<void> {
  if (!token) return;
  await db.session.deleteMany({ where: { tokenHash: sha256(token) } });
}
