import { z } from "zod";

// Input strings whose rules the OpenAPI document can state exactly. Patterns use only what
// JavaScript RegExp and Python `re` read alike (explicit \u ranges, no \s, \w, \d or lookarounds),
// because clients and fuzzers check values against the document with engines other than ours.

/** Code points, as JSON Schema's minLength/maxLength count them (String.length counts UTF-16 units). */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** A length rule that counts like the document says, so an emoji is one character on both sides. */
export function lengthBetween<T extends z.ZodString>(schema: T, min: number, max: number, message: string): T {
  return schema
    .refine((s) => {
      const n = codePointLength(s);
      return n >= min && n <= max;
    }, message)
    .meta({ ...(min > 0 ? { minLength: min } : {}), maxLength: max }) as T;
}

/** No C0 control characters (NUL, tab, newline ...) anywhere. */
export const NO_CONTROLS = /^[^\u0000-\u001f]*$/;

/**
 * A display name: no control characters and no spaces at either end (nothing is trimmed, so what
 * the document accepts is exactly what is stored).
 */
export const NAME_PATTERN = /^[^\u0000-\u001f ](?:[^\u0000-\u001f]*[^\u0000-\u001f ])?$/;

export function nameSchema(max: number, what = "Name") {
  return lengthBetween(
    z.string().regex(NAME_PATTERN, `${what} must not be empty, start or end with a space, or contain control characters`),
    1,
    max,
    `${what} is longer than ${max} characters`,
  );
}

/** Row ids are cuids; anything else (NUL bytes, slashes, 10 kB strings) is refused before a query runs. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9]{1,64}$/, "Not a valid id")
  .meta({ description: "A row id (cuid)", example: "cmj0k3x7a0000abcd1234efgh" });

/** A free-text filter: anything printable, up to `max` characters. */
export function searchText(max: number) {
  return lengthBetween(z.string().regex(NO_CONTROLS, "Remove control characters"), 0, max, `Use at most ${max} characters`);
}

/**
 * A non-negative integer sent as text (query string, header): only plain decimal digits, so
 * "0x10", "1e3", " 5" and "" are refused as the document's `integer` type says, not coerced.
 */
export function integerText(min: number, max: number) {
  return z.preprocess((v) => (typeof v === "string" && /^-?[0-9]{1,16}$/.test(v) ? Number(v) : v), z.number().int().min(min).max(max));
}
