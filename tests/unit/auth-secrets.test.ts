import { randomBytes, scryptSync } from "node:crypto";
import { parseOptions } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { ARGON2_PARAMS, DUMMY_PASSWORD_HASH, hashPassword, needsRehash, verifyNobody, verifyPassword } from "@/lib/auth/secrets";

/** The format lib/auth/secrets.ts wrote before argon2id (Node's default scrypt cost). */
function legacyScrypt(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString("base64")}$${scryptSync(password, salt, 64).toString("base64")}`;
}

describe("password hashing", () => {
  it("stores argon2id at no less than OWASP's minimum (19 MiB, 2 passes, 1 lane)", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored.startsWith("$argon2id$")).toBe(true);
    const p = parseOptions(stored);
    expect(p.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(p.timeCost).toBeGreaterThanOrEqual(2);
    expect(p.parallelism).toBe(1);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("still verifies legacy scrypt hashes and marks them for rehashing", async () => {
    const stored = legacyScrypt("old password 123");
    expect(await verifyPassword("old password 123", stored)).toBe(true);
    expect(await verifyPassword("old password 124", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it("marks argon2 hashes weaker than the policy for rehashing", () => {
    expect(needsRehash("$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$w2jSkLxjYV2Bs1fUzJ1yXbM7EOvqSz0R8ZBc1kYxN3Q")).toBe(true);
    expect(needsRehash("$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$w2jSkLxjYV2Bs1fUzJ1yXbM7EOvqSz0R8ZBc1kYxN3Q")).toBe(true);
  });

  it("refuses malformed stored values instead of throwing", async () => {
    for (const stored of ["", "scrypt$", "scrypt$abc$", "$argon2id$garbage", "plain-text-password"]) {
      expect(await verifyPassword("plain-text-password", stored), stored).toBe(false);
    }
  });

  it("checks unknown emails against a dummy hash with the same parameters", async () => {
    const p = parseOptions(DUMMY_PASSWORD_HASH);
    expect({ memoryCost: p.memoryCost, timeCost: p.timeCost, parallelism: p.parallelism }).toEqual(ARGON2_PARAMS);
    expect(await verifyNobody("anything")).toBe(false);
  });
});
