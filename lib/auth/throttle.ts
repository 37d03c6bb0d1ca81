import { once } from "node:events";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "../env";
import { AppError } from "../errors";
import { createRedis } from "../redis";
import { sha256 } from "./secrets";

export type ThrottlePolicy = {
  /** Failures on one account (within failWindowSeconds) before it is locked. */
  accountFailsBeforeLock: number;
  /** First lock; each further failure after a lock doubles it, up to lockMaxSeconds. */
  lockBaseSeconds: number;
  lockMaxSeconds: number;
  failWindowSeconds: number;
  /** Failures from one client address, over any accounts, within addressWindowSeconds. */
  addressMaxFails: number;
  addressWindowSeconds: number;
  addressBlockSeconds: number;
};

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  accountFailsBeforeLock: 5,
  lockBaseSeconds: 60,
  lockMaxSeconds: 3_600,
  failWindowSeconds: 24 * 3_600,
  addressMaxFails: 30,
  addressWindowSeconds: 15 * 60,
  addressBlockSeconds: 15 * 60,
};

export type ThrottledOutcome =
  | { ok: true }
  | { ok: false; code: "bad_credentials" }
  | { ok: false; code: "account_locked" | "too_many_attempts"; retryAfterSeconds: number };

/** The lock after the n-th consecutive failure (n >= accountFailsBeforeLock). */
export function lockSeconds(failures: number, policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY): number {
  const doublings = Math.max(0, failures - policy.accountFailsBeforeLock);
  return Math.min(policy.lockBaseSeconds * 2 ** Math.min(doublings, 30), policy.lockMaxSeconds);
}

/** One account whatever the spelling of its email, and no email in clear in Redis. */
export function accountKey(email: string): string {
  return sha256(email.trim().toLowerCase()).slice(0, 32);
}

const CONNECT_WAIT_MS = 1_000;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Password checks guarded by counters in Redis, so the limits hold across web processes.
 * Attempts are counted before the password is checked (an atomic INCR), and the attempt that
 * reaches the limit takes the lock before checking, so a parallel burst cannot slip past it.
 * If Redis is unreachable, a per-process memory limiter with the same policy stands in; give
 * the constructor a connection whose commands fail fast while Redis is away (see loginThrottle).
 */
export class LoginThrottle {
  private readonly fails: RateLimiterAbstract;
  private readonly locks: RateLimiterAbstract;
  private readonly addresses: RateLimiterAbstract;

  constructor(private readonly redis: Redis, prefix: string, readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY) {
    const limiter = (name: string, opts: { points: number; duration: number; blockDuration?: number }) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:auth:${name}`,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}:auth:${name}`, ...opts }),
        ...opts,
      });
    this.fails = limiter("fails", { points: Number.MAX_SAFE_INTEGER, duration: policy.failWindowSeconds });
    this.locks = limiter("lock", { points: 1, duration: policy.lockBaseSeconds });
    this.addresses = limiter("address", { points: policy.addressMaxFails, duration: policy.addressWindowSeconds, blockDuration: policy.addressBlockSeconds });
  }

  /** Runs `check` only when neither the account nor the address is held back, and records the outcome. */
  async attempt(account: string, address: string, check: () => Promise<boolean>): Promise<ThrottledOutcome> {
    await this.connected();
    const locked = await this.lockedFor(account);
    if (locked > 0) return { ok: false, code: "account_locked", retryAfterSeconds: seconds(locked) };

    try {
      await this.addresses.consume(address);
    } catch (err) {
      if (err instanceof RateLimiterRes) return { ok: false, code: "too_many_attempts", retryAfterSeconds: seconds(err.msBeforeNext) };
      throw err;
    }

    const failures = (await this.fails.penalty(account)).consumedPoints;
    let tookLock = false;
    if (failures >= this.policy.accountFailsBeforeLock) {
      try {
        await this.locks.consume(account, 1, { customDuration: lockSeconds(failures, this.policy) });
        tookLock = true;
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        // Another attempt took the lock while this one was on its way: it did not happen.
        await Promise.all([this.fails.reward(account), this.addresses.reward(address)]);
        return { ok: false, code: "account_locked", retryAfterSeconds: seconds(err.msBeforeNext) };
      }
    }

    let passed = false;
    try {
      passed = await check();
    } finally {
      if (passed) await this.succeeded(account, address);
    }
    if (passed) return { ok: true };
    if (tookLock) return { ok: false, code: "account_locked", retryAfterSeconds: lockSeconds(failures, this.policy) };
    return { ok: false, code: "bad_credentials" };
  }

  /**
   * The first attempts after start wait briefly for the connection, so they count in Redis
   * like every later one instead of in this process's memory.
   */
  private async connected(): Promise<void> {
    if (this.redis.status === "ready" || this.redis.status === "end") return;
    const timeout = AbortSignal.timeout(CONNECT_WAIT_MS);
    await once(this.redis, "ready", { signal: timeout }).catch(() => undefined);
  }

  /** Milliseconds until the account may try again; 0 when it is not locked. */
  async lockedFor(account: string): Promise<number> {
    const lock = await this.locks.get(account);
    return lock && lock.consumedPoints >= 1 ? Math.max(lock.msBeforeNext, 1) : 0;
  }

  private async succeeded(account: string, address: string): Promise<void> {
    await Promise.all([this.fails.delete(account), this.locks.delete(account), this.addresses.reward(address)]);
  }

  /** For administrators and tests: forget an account's failures and lock. */
  async resetAccount(account: string): Promise<void> {
    await Promise.all([this.fails.delete(account), this.locks.delete(account)]);
  }
}

let shared: { throttle: LoginThrottle; redis: Redis } | undefined;

export function loginThrottle(): LoginThrottle {
  if (!shared) {
    // While Redis is away commands fail at once and the memory limiter answers, instead of a
    // sign-in waiting for reconnects.
    const redis = createRedis({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on("error", () => undefined);
    shared = { redis, throttle: new LoginThrottle(redis, env().QUEUE_PREFIX) };
  }
  return shared.throttle;
}

export async function closeLoginThrottle(): Promise<void> {
  const s = shared;
  shared = undefined;
  if (s) await s.redis.quit().catch(() => s.redis.disconnect());
}

/** The 429 a refused attempt answers with; `details.retryAfterSeconds` lets the UI say how long. */
export function throttledErrorResponse(outcome: { code: "account_locked" | "too_many_attempts"; retryAfterSeconds: number }): Response {
  const err = throttledError(outcome);
  return Response.json(
    { error: { code: err.code, message: err.message, hint: err.hint, details: err.details } },
    { status: 429, headers: { "retry-after": String(outcome.retryAfterSeconds) } },
  );
}

function throttledError(outcome: { code: "account_locked" | "too_many_attempts"; retryAfterSeconds: number }): AppError {
  const wait = outcome.retryAfterSeconds;
  const when = wait >= 120 ? `${Math.ceil(wait / 60)} minutes` : `${wait} seconds`;
  return outcome.code === "account_locked"
    ? new AppError(429, "account_locked", `Too many failed sign-ins: this account is locked for ${when}`, "Signing in is paused for this account meanwhile, even with the right password; each further failure makes the wait longer.", { retryAfterSeconds: wait })
    : new AppError(429, "too_many_attempts", `Too many failed sign-ins from your network: try again in ${when}`, "Wait before trying again.", { retryAfterSeconds: wait });
}
