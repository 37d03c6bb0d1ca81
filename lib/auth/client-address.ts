import { isIP } from "node:net";
import { env } from "../env";

/** Shared bucket for requests whose address cannot be told (see clientAddress). */
export const UNKNOWN_ADDRESS = "unknown";

function normalise(value: string | undefined): string | null {
  const v = (value ?? "").trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(v) ? v.toLowerCase() : null;
}

/**
 * The client address used to throttle sign-in attempts.
 *
 * Next 16's `next start` passes no socket address to route handlers; it fills in
 * `X-Forwarded-For` from the socket only when the request has none (`??=` in
 * next/dist/server/base-server.js), so a client talking to it directly can send its own.
 * Without a trusted proxy, only a value that is exactly one IP address (what Next writes) is
 * used, and anything else shares one bucket, so sending lists or junk buys no fresh budget;
 * a client that forges a single address still can, which is why the per-account lock does
 * not depend on this. With MODELYARD_TRUST_PROXY=1 the right-most entry is taken: the address
 * the proxy itself saw, whatever the client put in front of it.
 */
export function clientAddress(request: Request, trustProxy: boolean = env().MODELYARD_TRUST_PROXY): string {
  const header = request.headers.get("x-forwarded-for");
  if (!header) return UNKNOWN_ADDRESS;
  const entries = header.split(",");
  if (trustProxy) return normalise(entries[entries.length - 1]) ?? UNKNOWN_ADDRESS;
  return entries.length === 1 ? (normalise(entries[0]) ?? UNKNOWN_ADDRESS) : UNKNOWN_ADDRESS;
}

/**
 * Whether the browser reached the dashboard over HTTPS: the request URL (TLS on the socket),
 * MODELYARD_PUBLIC_URL, or, behind a trusted proxy, X-Forwarded-Proto.
 */
export function servedOverHttps(request: Request, trustProxy: boolean = env().MODELYARD_TRUST_PROXY): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  if (process.env.MODELYARD_PUBLIC_URL?.startsWith("https:")) return true;
  return trustProxy && request.headers.get("x-forwarded-proto")?.split(",")[0].trim().toLowerCase() === "https";
}
