import { db } from "../db/client";
import { env } from "../env";
import { newSecret, sha256 } from "./secrets";

export const SESSION_COOKIE = "modelyard_session";

export type AuthUser = { id: string; email: string; name: string; role: "ADMIN" | "MEMBER" };

export type NewSession = { token: string; expiresAt: Date };

/** A cookie value newSecret("my_ses") could have produced; anything else never reaches the database. */
const SESSION_TOKEN = /^my_ses_[A-Za-z0-9_-]{32}$/;

/** lastSeenAt is written at most this often, not on every request. */
const LAST_SEEN_EVERY_MS = 60_000;

/** Idle and absolute limits in milliseconds, from SESSION_IDLE_MINUTES and SESSION_ABSOLUTE_HOURS. */
export function sessionLimits() {
  const e = env();
  return { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 };
}

export async function createSession(userId: string): Promise<NewSession> {
  const token = newSecret("my_ses");
  const expiresAt = new Date(Date.now() + sessionLimits().absoluteMs);
  await db.session.create({ data: { tokenHash: sha256(token), userId, expiresAt } });
  return { token, expiresAt };
}

/**
 * The signed-in user for a cookie value, or null: never throws for a malformed value (it is
 * refused before any lookup). A session past its idle or absolute limit is deleted.
 */
export async function userForSession(token: string | undefined): Promise<AuthUser | null> {
  if (typeof token !== "string" || !SESSION_TOKEN.test(token)) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: sha256(token) },
    include: { user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!session) return null;
  const now = Date.now();
  const { idleMs, absoluteMs } = sessionLimits();
  // createdAt is checked as well as expiresAt so that lowering SESSION_ABSOLUTE_HOURS also ends older sessions.
  const expired = now >= session.expiresAt.getTime() || now - session.createdAt.getTime() >= absoluteMs || now - session.lastSeenAt.getTime() >= idleMs;
  if (expired) {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
    void db.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } }).catch(() => undefined);
  }
  return session.user;
}

export async function signOut(token: string | undefined): Promise<void> {
  if (typeof token !== "string" || !SESSION_TOKEN.test(token)) return;
  await db.session.deleteMany({ where: { tokenHash: sha256(token) } });
}

/** Sessions nobody can use any more; swept on sign-in so the table does not grow forever. */
export async function deleteExpiredSessions(): Promise<number> {
  const now = Date.now();
  const { idleMs, absoluteMs } = sessionLimits();
  const { count } = await db.session.deleteMany({
    where: {
      OR: [
        { expiresAt: { lte: new Date(now) } },
        { createdAt: { lte: new Date(now - absoluteMs) } },
        { lastSeenAt: { lte: new Date(now - idleMs) } },
      ],
    },
  });
  return count;
}
