import { randomBytes } from "node:crypto";
import { db } from "../db/client";
import { hashPassword } from "./secrets";

/**
 * First start: creates the admin. The password comes from MODELYARD_ADMIN_PASSWORD or is
 * generated and returned so the caller prints it once; it is never stored in clear.
 */
export async function ensureAdmin(opts: { email: string; password?: string }): Promise<{ created: boolean; email: string; password?: string; id: string }> {
  const existing = await db.user.findFirst({ where: { role: "ADMIN" }, orderBy: { createdAt: "asc" } });
  if (existing) return { created: false, email: existing.email, id: existing.id };
  const password = opts.password || randomBytes(12).toString("base64url");
  const user = await db.user.create({
    data: { email: opts.email.toLowerCase(), name: "Admin", role: "ADMIN", passwordHash: await hashPassword(password) },
  });
  return { created: true, email: user.email, password: opts.password ? undefined : password, id: user.id };
}
