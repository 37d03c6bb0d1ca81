import type { ApiErrorBody } from "@/components/api/fetch-json";
import type { Translate } from "@/lib/i18n";

/** A 429 from a password check (sign-in or password change), in the user's language with how long to wait. */
export function throttledMessage(err: ApiErrorBody, tr: Translate): ApiErrorBody | null {
  if (err.code !== "account_locked" && err.code !== "too_many_attempts") return null;
  const wait = Number((err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds) || 60;
  const time = wait >= 120 ? tr("login.waitMinutes", { n: Math.ceil(wait / 60) }) : tr("login.waitSeconds", { n: wait });
  return err.code === "account_locked"
    ? { code: err.code, message: tr("login.locked", { time }), hint: tr("login.lockedHint") }
    : { code: err.code, message: tr("login.tooManyAttempts", { time }), hint: tr("login.tooManyHint") };
}
