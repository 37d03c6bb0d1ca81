import { db } from "../db/client";
import { env } from "../env";
import { hashPassword, needsRehash, newSecret, sha256, verifyNobody, verifyPassword } from "./secrets";
import { accountKey, loginThrottle, type ThrottledOutcome } from "./throttle";

export const SESSION_COOKIE = "modelyard_session";

export type AuthUser = { id: string; email: string; name: string; role: "ADMIN" | "MEMBER" };

export type NewSession = { token: string; expiresAt: Date };

/** A cookie value newSecret("my_ses") could have produced; anything else never reaches the database. */
const SESSION_TOKEN = /^my_ses_[A-Za-z0-9_-]{32}$/;

/** lastSeenAt is written at most this often, not on every request. */
const LAST_SEEN_EVERY_MS = 60_000;

function limits() {
  const e = env();
  return { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 };
}

export async function createSession(userId: string): Promise<NewSession> {
  const token = newSecret("my_ses");
  const expiresAt = new Date(Date.now() + limits().absoluteMs);
  await db.session.create({ data: { tokenHash: sha256(token), userId, expiresAt } });
  return { token, expiresAt };
}

export type SignInResult = ({ ok: true } & NewSession) | Exclude<ThrottledOutcome, { ok: true }>;

/**
 * Known and unknown emails take the same path: both are throttled under the email, and both
 * pay one argon2 verification, so neither the answer nor its timing says whether an account
 * exists. A legacy scrypt hash is replaced by argon2id once the password is known to be right.
 */
export async function signIn(email: string, password: string, address: string): Promise<SignInResult> {
  let userId: string | undefined;
  const outcome = await loginThrottle().attempt(accountKey(email), address, async () => {
    const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, passwordHash: true } });
    if (!user) return verifyNobody(password);
    if (!(await verifyPassword(password, user.passwordHash))) return false;
    if (needsRehash(user.passwordHash)) {
      await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
    }
    userId = user.id;
    return true;
  });
  if (!outcome.ok) return outcome;
  void deleteExpiredSessions().catch(() => undefined);
  return { ok: true, ...(await createSession(userId!)) };
}

export type PasswordChangeResult = ({ ok: true } & NewSession) | Exclude<ThrottledOutcome, { ok: true }>;

/**
 * Checks the current password under the same throttle as sign-in (a stolen session cannot be
 * used to guess it), stores the new one, ends every session of the user (a thief's included)
 * and opens a fresh one for the browser that made the change.
 */
export async function changePassword(userId: string, current: string, next: string, address: string): Promise<PasswordChangeResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  const outcome = await loginThrottle().attempt(accountKey(user.email), address, () => verifyPassword(current, user.passwordHash));
  if (!outcome.ok) return outcome;
  const passwordHash = await hashPassword(next);
  const token = newSecret("my_ses");
  const expiresAt = new Date(Date.now() + limits().absoluteMs);
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId } }),
    db.session.create({ data: { tokenHash: sha256(token), userId, expiresAt } }),
  ]);
  return { ok: true, token, expiresAt };
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
  const { idleMs, absoluteMs } = limits();
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
  const { idleMs, absoluteMs } = limits();
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
