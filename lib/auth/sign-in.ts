import { db } from "../db/client";
import { hashPassword, needsRehash, newSecret, sha256, verifyNobody, verifyPassword } from "./secrets";
import { createSession, deleteExpiredSessions, sessionLimits, type NewSession } from "./sessions";
import { accountKey, loginThrottle, type ThrottledOutcome } from "./throttle";

// Kept apart from sessions.ts so the access gate (proxy.ts), which only reads sessions, does
// not load the throttle and its Redis connection.

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
  const expiresAt = new Date(Date.now() + sessionLimits().absoluteMs);
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId } }),
    db.session.create({ data: { tokenHash: sha256(token), userId, expiresAt } }),
  ]);
  return { ok: true, token, expiresAt };
}
