import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 64);
  return `scrypt$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, keyB64] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, "base64");
  const actual = await scryptAsync(password, Buffer.from(saltB64, "base64"), expected.length);
  return timingSafeEqual(actual, expected);
}

/** Random bearer secret; the prefix says what kind of secret a leaked string is. */
export function newSecret(prefix: "my_pat" | "my_wrk" | "my_ses"): string {
  return `${prefix}_${randomBytes(24).toString("base64url")}`;
}

/** Secrets are looked up by hash; sha256 suffices because they are long and random. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
