import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { hash as argon2Hash, parseOptions, verify as argon2Verify, type Options } from "@node-rs/argon2";

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;

// `Algorithm` is a const enum, which isolatedModules cannot import; 2 is Argon2id.
const ARGON2ID = 2 as NonNullable<Options["algorithm"]>;

/** OWASP Password Storage Cheat Sheet (2025) minimum for argon2id: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const ARGON2_OPTIONS: Options = { algorithm: ARGON2ID, ...ARGON2_PARAMS };

/**
 * Verified when the email matches no account, so an unknown email costs the same argon2 work
 * as a known one and answer time does not tell which addresses have accounts. Made with
 * ARGON2_PARAMS from a random password nobody knows; a test keeps the parameters in step.
 */
export const DUMMY_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$qoMxeHRcYrd5XdBK/BIERw$KY9rWNciOcMOY8pm5sBUpNjrKBcWOTae/VLbJwrkCG0";

export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2_OPTIONS);
}

/** Accepts argon2id hashes and the scrypt hashes stored before argon2id (see needsRehash). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith("$argon2")) {
    try {
      return await argon2Verify(stored, password);
    } catch {
      return false;
    }
  }
  if (stored.startsWith("scrypt$")) return verifyLegacyScrypt(password, stored);
  return false;
}

/** The email matched no account: spend the same work as a real check, then refuse. */
export async function verifyNobody(password: string): Promise<false> {
  await verifyPassword(password, DUMMY_PASSWORD_HASH);
  return false;
}

/** True for legacy scrypt hashes and for argon2 hashes weaker than ARGON2_PARAMS. */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith("$argon2id$")) return true;
  try {
    const p = parseOptions(stored);
    return p.memoryCost < ARGON2_PARAMS.memoryCost || p.timeCost < ARGON2_PARAMS.timeCost || p.parallelism < ARGON2_PARAMS.parallelism;
  } catch {
    return true;
  }
}

// Format written before argon2id: scrypt$<salt b64>$<key b64>, Node's default cost (N=16384, r=8, p=1).
async function verifyLegacyScrypt(password: string, stored: string): Promise<boolean> {
  const [, saltB64, keyB64] = stored.split("$");
  if (!saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, "base64");
  if (expected.length < 16) return false;
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
