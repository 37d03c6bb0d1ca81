// Sign-in abuse and session lifetime (issue #7, items 4, 5, 7 and 8): the lib/auth functions
// against the real Postgres and Redis, then a few checks over HTTP on the built server.
import { randomBytes, scryptSync } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256, verifyPassword } from "../../lib/auth/secrets";
import { createSession, userForSession } from "../../lib/auth/sessions";
import { changePassword, signIn } from "../../lib/auth/sign-in";
import { accountKey, closeLoginThrottle, DEFAULT_THROTTLE_POLICY, LoginThrottle, loginThrottle } from "../../lib/auth/throttle";
import { db } from "../../lib/db/client";
import { env } from "../../lib/env";
import { createRedis } from "../../lib/redis";
import { createTestUser, startWeb, waitFor, type TestUser } from "../helpers/stack";

/** A fresh documentation-range IPv6 address, so counters left in Redis by earlier runs never apply. */
const freshAddress = () => `2001:db8::${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
const unknownEmail = () => `nobody-${randomBytes(6).toString("hex")}@test.local`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

afterAll(async () => {
  await closeLoginThrottle();
});

describe("sign-in throttling (lib, real Redis)", () => {
  it("locks an account after 5 failures: the right password during the lock is refused without being checked", async () => {
    const user = await createTestUser();
    const address = freshAddress();
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await signIn(user.email, `wrong ${i}`, address);
      codes.push(r.ok ? "ok" : r.code);
    }
    expect(codes).toEqual([...Array(4).fill("bad_credentials"), ...Array(6).fill("account_locked")]);
    const right = await signIn(user.email, user.password, address);
    expect(right).toMatchObject({ ok: false, code: "account_locked" });
    if (!right.ok && right.code !== "bad_credentials") {
      expect(right.retryAfterSeconds).toBeGreaterThan(0);
      expect(right.retryAfterSeconds).toBeLessThanOrEqual(DEFAULT_THROTTLE_POLICY.lockBaseSeconds);
    }
    // The same account under another spelling is the same account.
    expect(await signIn(` ${user.email.toUpperCase()} `, user.password, freshAddress())).toMatchObject({ ok: false, code: "account_locked" });
  });

  it("lets a different account in from the same address, until the address limit", async () => {
    const address = freshAddress();
    const locked = await createTestUser();
    for (let i = 0; i < 10; i++) await signIn(locked.email, "wrong", address);
    const other = await createTestUser();
    expect((await signIn(other.email, other.password, address)).ok).toBe(true);

    // Failures over many accounts (unknown ones count too) add up per address.
    let spent = 5; // the locked account's five checked failures
    while (spent < DEFAULT_THROTTLE_POLICY.addressMaxFails) {
      const email = unknownEmail();
      for (let i = 0; i < 4 && spent < DEFAULT_THROTTLE_POLICY.addressMaxFails; i++, spent++) {
        expect(await signIn(email, "guess", address)).toMatchObject({ ok: false, code: "bad_credentials" });
      }
    }
    const third = await createTestUser();
    expect(await signIn(third.email, third.password, address)).toMatchObject({ ok: false, code: "too_many_attempts" });
    expect((await signIn(third.email, third.password, freshAddress())).ok).toBe(true);
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const user = await createTestUser();
    const address = freshAddress();
    for (let i = 0; i < 4; i++) await signIn(user.email, "wrong", address);
    expect((await signIn(user.email, user.password, address)).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect(await signIn(user.email, "wrong", address)).toMatchObject({ ok: false, code: "bad_credentials" });
  });

  it("answers unknown and known emails in the same time", async () => {
    const user = await createTestUser();
    const address = freshAddress();
    const email = unknownEmail();
    const timed = async (e: string) => {
      const t0 = performance.now();
      const r = await signIn(e, "not the password", address);
      const ms = performance.now() - t0;
      expect(r).toMatchObject({ ok: false, code: "bad_credentials" });
      await loginThrottle().resetAccount(accountKey(e));
      return ms;
    };
    await timed(user.email);
    await timed(email); // warm both paths once
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 8; i++) {
      known.push(await timed(user.email));
      unknown.push(await timed(email));
    }
    const ratio = median(unknown) / median(known);
    if (process.env.MODELYARD_TEST_VERBOSE) console.log(`unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`);
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms vs known ${median(known).toFixed(1)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it("doubles the lock with each failure after one, and lets a parallel burst check at most the allowed number", async () => {
    const redis = createRedis({ maxRetriesPerRequest: 1 });
    try {
      const policy = { ...DEFAULT_THROTTLE_POLICY, lockBaseSeconds: 1, lockMaxSeconds: 8 };
      const throttle = new LoginThrottle(redis, `${env().QUEUE_PREFIX}:t-${randomBytes(4).toString("hex")}`, policy);
      let checks = 0;
      const wrong = async () => {
        checks++;
        return false;
      };
      const burst = await Promise.all(Array.from({ length: 25 }, () => throttle.attempt("burst", freshAddress(), wrong)));
      expect(checks).toBe(policy.accountFailsBeforeLock);
      expect(burst.filter((r) => !r.ok && r.code === "account_locked").length).toBe(25 - (policy.accountFailsBeforeLock - 1));

      for (let i = 0; i < policy.accountFailsBeforeLock - 1; i++) expect(await throttle.attempt("seq", freshAddress(), wrong)).toEqual({ ok: false, code: "bad_credentials" });
      expect(await throttle.attempt("seq", freshAddress(), wrong)).toEqual({ ok: false, code: "account_locked", retryAfterSeconds: 1 });
      await new Promise((r) => setTimeout(r, 1_100));
      expect(await throttle.attempt("seq", freshAddress(), wrong)).toEqual({ ok: false, code: "account_locked", retryAfterSeconds: 2 });
      expect(await throttle.lockedFor("seq")).toBeGreaterThan(1_000);
      await new Promise((r) => setTimeout(r, 2_100));
      expect(await throttle.attempt("seq", freshAddress(), async () => true)).toEqual({ ok: true });
      expect(await throttle.lockedFor("seq")).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it("re-hashes a legacy scrypt password to argon2id on the next sign-in", async () => {
    const user = await createTestUser();
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString("base64")}$${scryptSync(user.password, salt, 64).toString("base64")}`;
    await db.user.update({ where: { id: user.id }, data: { passwordHash: legacy } });
    expect((await signIn(user.email, user.password, freshAddress())).ok).toBe(true);
    const stored = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(stored.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(user.password, stored)).toBe(true);
  });
});

describe("session lifetime (lib, real Postgres)", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await createTestUser();
  });
  const row = (token: string) => db.session.findUnique({ where: { tokenHash: sha256(token) } });

  it("refuses and deletes a session idle for longer than SESSION_IDLE_MINUTES", async () => {
    const s = await createSession(user.id);
    expect(await userForSession(s.token)).toMatchObject({ id: user.id });
    const idleMs = env().SESSION_IDLE_MINUTES * 60_000;
    await db.session.update({ where: { tokenHash: sha256(s.token) }, data: { lastSeenAt: new Date(Date.now() - idleMs - 60_000) } });
    expect(await userForSession(s.token)).toBeNull();
    expect(await row(s.token)).toBeNull();
  });

  it("refuses and deletes a session older than SESSION_ABSOLUTE_HOURS even while in use", async () => {
    const s = await createSession(user.id);
    const absoluteMs = env().SESSION_ABSOLUTE_HOURS * 3_600_000;
    await db.session.update({ where: { tokenHash: sha256(s.token) }, data: { createdAt: new Date(Date.now() - absoluteMs - 60_000), lastSeenAt: new Date() } });
    expect(await userForSession(s.token)).toBeNull();
    expect(await row(s.token)).toBeNull();

    const t = await createSession(user.id);
    await db.session.update({ where: { tokenHash: sha256(t.token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await userForSession(t.token)).toBeNull();
  });

  it("records use at most once a minute", async () => {
    const s = await createSession(user.id);
    const recent = new Date(Date.now() - 10_000);
    await db.session.update({ where: { tokenHash: sha256(s.token) }, data: { lastSeenAt: recent } });
    await userForSession(s.token);
    await new Promise((r) => setTimeout(r, 200));
    expect((await row(s.token))!.lastSeenAt.getTime()).toBe(recent.getTime());

    const old = new Date(Date.now() - 5 * 60_000);
    await db.session.update({ where: { tokenHash: sha256(s.token) }, data: { lastSeenAt: old } });
    expect(await userForSession(s.token)).toMatchObject({ id: user.id });
    await waitFor("lastSeenAt to move", async () => (await row(s.token))!.lastSeenAt.getTime() > old.getTime(), 5_000, 50);
  });

  it("answers null, never throws, for malformed cookie values", async () => {
    for (const value of ["%", "%E0%A4%A", "\u0000", "my_ses_", `my_ses_${"x".repeat(5_000)}`, "' OR 1=1 --", "my_ses_abc/def"]) {
      await expect(userForSession(value), JSON.stringify(value.slice(0, 20))).resolves.toBeNull();
    }
  });

  it("password change checks the current password under the sign-in throttle and revokes every session", async () => {
    const u = await createTestUser();
    const a = await createSession(u.id);
    const b = await createSession(u.id);
    const address = freshAddress();
    expect(await changePassword(u.id, "not it", "a brand new passphrase", address)).toMatchObject({ ok: false, code: "bad_credentials" });
    expect(await userForSession(a.token)).not.toBeNull();

    const r = await changePassword(u.id, u.password, "a brand new passphrase", address);
    expect(r.ok).toBe(true);
    expect(await userForSession(a.token)).toBeNull();
    expect(await userForSession(b.token)).toBeNull();
    if (r.ok) expect(await userForSession(r.token)).toMatchObject({ id: u.id });
    const stored = (await db.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash;
    expect(stored.startsWith("$argon2id$")).toBe(true);
    expect((await signIn(u.email, "a brand new passphrase", address)).ok).toBe(true);
    expect((await signIn(u.email, u.password, address)).ok).toBe(false);

    // Guessing the current password through a stolen session locks the account like sign-in does.
    const v = await createTestUser();
    for (let i = 0; i < 5; i++) await changePassword(v.id, `guess ${i}`, "another new passphrase", freshAddress());
    expect(await signIn(v.email, v.password, freshAddress())).toMatchObject({ ok: false, code: "account_locked" });
  });
});

describe("over HTTP (next start on the built app)", () => {
  let web: Awaited<ReturnType<typeof startWeb>>;
  beforeAll(async () => {
    web = await startWeb();
  }, 120_000);
  afterAll(async () => {
    await web?.stop();
  });

  const login = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${web.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: web.url, ...headers },
      body: JSON.stringify(body),
    });

  it("answers 429 with Retry-After to the right password after 10 wrong ones; another account from that address gets in", async () => {
    const user = await createTestUser();
    const address = { "x-forwarded-for": `2001:db8::${randomBytes(2).toString("hex")}` };
    for (let i = 0; i < 10; i++) await login({ email: user.email, password: `wrong ${i}` }, address);
    const res = await login({ email: user.email, password: user.password }, address);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "account_locked" });
    expect(body.error.hint).toBeTruthy();
    expect(body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(res.headers.get("set-cookie")).toBeNull();

    const other = await createTestUser();
    const ok = await login({ email: other.email, password: other.password }, address);
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it("refuses sign-in from another origin and bodies that are not JSON", async () => {
    const user = await createTestUser();
    expect((await login({ email: user.email, password: user.password }, { origin: "http://evil.example" })).status).toBe(403);
    const plain = await fetch(`${web.url}/api/auth/login`, { method: "POST", headers: { "content-type": "text/plain", origin: web.url }, body: JSON.stringify({ email: user.email, password: user.password }) });
    expect(plain.status).toBe(415);
  });

  it("refuses idle-expired sessions and sessions revoked by a password change", async () => {
    const user = await createTestUser();
    const cookieOf = async () => (await login({ email: user.email, password: user.password })).headers.get("set-cookie")!.split(";")[0];
    const hosts = (cookie: string) => fetch(`${web.url}/api/v1/hosts`, { headers: { cookie } });
    const [a, b, idle] = [await cookieOf(), await cookieOf(), await cookieOf()];
    await db.session.update({ where: { tokenHash: sha256(idle.split("=")[1]) }, data: { lastSeenAt: new Date(Date.now() - env().SESSION_IDLE_MINUTES * 60_000 - 60_000) } });
    expect((await hosts(idle)).status).toBe(401);
    expect((await hosts(b)).status).toBe(200);

    const res = await fetch(`${web.url}/api/v1/me/password`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: web.url, cookie: a },
      body: JSON.stringify({ currentPassword: user.password, newPassword: "horse battery staple correct" }),
    });
    expect(res.status).toBe(200);
    const fresh = res.headers.get("set-cookie")!.split(";")[0];
    expect(fresh).not.toBe(a);
    expect((await hosts(a)).status).toBe(401);
    expect((await hosts(b)).status).toBe(401);
    expect((await hosts(fresh)).status).toBe(200);
  });

  it("sends a signed-in user from /login?next= only to paths on this dashboard", async () => {
    const user = await createTestUser();
    const cookie = (await login({ email: user.email, password: user.password })).headers.get("set-cookie")!.split(";")[0];
    for (const [next, expected] of [["/%09/evil.example", "/"], ["//evil.example", "/"], ["/%5Cevil.example", "/"], ["https://evil.example", "/"], ["/jobs%3Fstatus%3DRUNNING", "/jobs?status=RUNNING"]]) {
      const res = await fetch(`${web.url}/login?next=${next}`, { headers: { cookie }, redirect: "manual" });
      // The page streams (app/login/loading.tsx), so redirect() arrives as a refresh meta tag rather than a Location header.
      const html = await res.text();
      const target = res.headers.get("location") ?? /<meta id="__next-page-redirect" http-equiv="refresh" content="\d+;url=([^"]*)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
      expect(target, `${next}: no redirect`).toBeTruthy();
      const url = new URL(target!, web.url);
      expect(url.origin, `${next} → ${target}`).toBe(web.url);
      expect(url.pathname + url.search, next).toBe(expected);
    }
  });

  it("logs out only from the dashboard's own pages, and clears the cookie", async () => {
    const user = await createTestUser();
    const cookie = (await login({ email: user.email, password: user.password })).headers.get("set-cookie")!.split(";")[0];
    const logout = (origin: string) => fetch(`${web.url}/api/auth/logout`, { method: "POST", headers: { cookie, origin }, redirect: "manual" });
    expect((await logout("http://evil.example")).status).toBe(403);
    expect((await fetch(`${web.url}/api/v1/hosts`, { headers: { cookie } })).status).toBe(200);
    const res = await logout(web.url);
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/^modelyard_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect((await fetch(`${web.url}/api/v1/hosts`, { headers: { cookie } })).status).toBe(401);
  });

  it("refuses a chunked 100 MB sign-in body with 413 without buffering it", async () => {
    // The whole process tree, in case a later Next.js forks the server the way `next dev` does.
    const rssKiB = (pid = web.child.pid!): number => {
      const own = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      return own + children.reduce((sum, child) => sum + rssKiB(child), 0);
    };
    // Load the route and its modules first, so what is measured is the body, not the first request.
    for (let i = 0; i < 3; i++) await login({ email: unknownEmail(), password: "warm-up" }, { "x-forwarded-for": `2001:db8::${randomBytes(2).toString("hex")}` });
    const before = rssKiB();
    let peak = before;
    let sentBytes = 0;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const url = new URL(`${web.url}/api/auth/login`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json", origin: web.url, "transfer-encoding": "chunked" } });
      let answered = 0;
      req.on("response", (res) => {
        answered = res.statusCode ?? 0;
        res.resume();
        res.on("end", () => resolve(answered));
      });
      // The server may close the connection once it has answered; what counts is the answer.
      req.on("error", (err) => (answered ? resolve(answered) : reject(err)));
      let sent = 0;
      const done = () => (sentBytes = sent);
      req.on("close", done);
      const pump = () => {
        while (sent < 100 * 1024 * 1024 && !answered && !req.destroyed) {
          sent += chunk.length;
          peak = Math.max(peak, rssKiB());
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!req.destroyed) req.end();
      };
      req.write('{"email":"a@b.c","password":"');
      pump();
    });
    peak = Math.max(peak, rssKiB());
    if (process.env.MODELYARD_TEST_VERBOSE) console.log(`RSS grew ${((peak - before) / 1024).toFixed(1)} MiB; sent ${(sentBytes / 1048576).toFixed(1)} MiB`);
    expect(status).toBe(413);
    expect((peak - before) / 1024, "MiB the web process grew").toBeLessThan(50);
  });
});
