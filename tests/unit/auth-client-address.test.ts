import { describe, expect, it } from "vitest";
import { clientAddress, servedOverHttps, UNKNOWN_ADDRESS } from "@/lib/auth/client-address";
import { clearedSessionCookie, sessionCookie } from "@/lib/auth/session-cookie";
import { lockSeconds, DEFAULT_THROTTLE_POLICY } from "@/lib/auth/throttle";

const req = (headers: Record<string, string> = {}, url = "http://127.0.0.1:3000/api/auth/login") => new Request(url, { method: "POST", headers });

describe("clientAddress", () => {
  it("without a trusted proxy, uses the single address next start writes from the socket", () => {
    expect(clientAddress(req({ "x-forwarded-for": "192.0.2.7" }), false)).toBe("192.0.2.7");
    expect(clientAddress(req({ "x-forwarded-for": "::ffff:127.0.0.1" }), false)).toBe("127.0.0.1");
    expect(clientAddress(req({ "x-forwarded-for": "::1" }), false)).toBe("::1");
  });

  it("without a trusted proxy, lists and junk share one bucket instead of buying fresh ones", () => {
    expect(clientAddress(req({ "x-forwarded-for": "198.51.100.1, 192.0.2.7" }), false)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(req({ "x-forwarded-for": "not-an-ip" }), false)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(req(), false)).toBe(UNKNOWN_ADDRESS);
  });

  it("behind a trusted proxy, takes the right-most entry: the address the proxy saw", () => {
    expect(clientAddress(req({ "x-forwarded-for": "198.51.100.1, 192.0.2.7" }), true)).toBe("192.0.2.7");
    expect(clientAddress(req({ "x-forwarded-for": "192.0.2.7" }), true)).toBe("192.0.2.7");
  });
});

describe("session cookie", () => {
  const session = { token: "my_ses_abcdefghijklmnopqrstuvwxyz012345", expiresAt: new Date("2030-01-01T00:00:00Z") };

  it("is HttpOnly and SameSite=Lax, and not Secure over plain HTTP", () => {
    const c = sessionCookie(req(), session);
    expect(c).toMatch(/^modelyard_session=my_ses_\w+; Path=\/; HttpOnly; SameSite=Lax; Expires=Tue, 01 Jan 2030 00:00:00 GMT$/);
    expect(c).not.toMatch(/Secure/);
  });

  it("is Secure when served over HTTPS", () => {
    expect(sessionCookie(req({}, "https://dash.example/api/auth/login"), session)).toMatch(/; Secure$/);
    expect(servedOverHttps(req({ "x-forwarded-proto": "https" }), true)).toBe(true);
    expect(servedOverHttps(req({ "x-forwarded-proto": "https" }), false)).toBe(false);
  });

  it("is cleared with the same attributes", () => {
    expect(clearedSessionCookie(req({}, "https://dash.example/api/auth/logout"))).toBe("modelyard_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure");
  });
});

describe("lock durations", () => {
  it("start at the base after the fifth failure, double, and stop at the cap", () => {
    const p = DEFAULT_THROTTLE_POLICY;
    expect(lockSeconds(5)).toBe(p.lockBaseSeconds);
    expect(lockSeconds(6)).toBe(p.lockBaseSeconds * 2);
    expect(lockSeconds(7)).toBe(p.lockBaseSeconds * 4);
    expect(lockSeconds(500)).toBe(p.lockMaxSeconds);
  });
});
