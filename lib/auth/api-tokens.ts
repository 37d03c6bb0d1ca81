import { db, type TokenKind } from "../db/client";
import { newSecret, sha256 } from "./secrets";
import type { AuthUser } from "./sessions";

/** Returns the secret once; only its hash is stored. */
export async function createApiToken(userId: string, name: string, kind: TokenKind = "PERSONAL") {
  const secret = newSecret(kind === "WORKER" ? "my_wrk" : "my_pat");
  const token = await db.apiToken.create({
    data: { userId, name, kind, tokenHash: sha256(secret), prefix: secret.slice(0, 12) },
    select: { id: true, name: true, kind: true, prefix: true, createdAt: true },
  });
  return { ...token, secret };
}

export async function resolveApiToken(secret: string, kind: TokenKind): Promise<{ user: AuthUser; tokenId: string } | null> {
  const token = await db.apiToken.findUnique({
    where: { tokenHash: sha256(secret) },
    include: { user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!token || token.revokedAt || token.kind !== kind) return null;
  // Last-used is informative: write it at most once a minute, not on every request.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    void db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  return { user: token.user, tokenId: token.id };
}

export async function listApiTokens(userId: string) {
  return db.apiToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, kind: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

export async function revokeApiToken(userId: string, id: string): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}
