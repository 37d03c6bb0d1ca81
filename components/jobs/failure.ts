export type Failure = { code: string; message: string; hint?: string | null };

/** Reads the `failure` JSON column defensively: older rows or foreign writers may differ. */
export function asFailure(value: unknown): Failure | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.message !== "string") return null;
  return { code: typeof v.code === "string" ? v.code : "unknown", message: v.message, hint: typeof v.hint === "string" ? v.hint : null };
}
