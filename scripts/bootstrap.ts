// First-start set-up shared by `npm start` and the tests: the admin user and the local
// worker's token. Secrets are printed once (admin password) or written to a 0600 file.
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createApiToken, resolveApiToken } from "../lib/auth/api-tokens";
import { ensureAdmin } from "../lib/auth/bootstrap-admin";
import { PASSWORD_MIN_LENGTH } from "../lib/auth/password-input";
import { db } from "../lib/db/client";

const stateDir = process.env.MODELYARD_STATE_DIR ?? path.resolve(".modelyard");
const tokenFile = path.join(stateDir, "local-worker.token");

const admin = await ensureAdmin({
  email: process.env.MODELYARD_ADMIN_EMAIL ?? "admin@modelyard.local",
  password: process.env.MODELYARD_ADMIN_PASSWORD,
});
if (admin.created) {
  console.log(`Created admin ${admin.email}.`);
  if (admin.password) {
    console.log(`\n  Admin password (shown once, not stored): ${admin.password}\n  Change it after signing in: Settings → Password.\n`);
  } else if ((process.env.MODELYARD_ADMIN_PASSWORD ?? "").length < PASSWORD_MIN_LENGTH) {
    console.warn(`  MODELYARD_ADMIN_PASSWORD is shorter than ${PASSWORD_MIN_LENGTH} characters; change it under Settings → Password.`);
  }
}

let token: string | null = null;
try {
  token = (await readFile(tokenFile, "utf8")).trim();
} catch {
  token = null;
}
if (!token || !(await resolveApiToken(token, "WORKER"))) {
  const created = await createApiToken(admin.id, "local worker", "WORKER");
  await mkdir(stateDir, { recursive: true });
  await writeFile(tokenFile, created.secret, { mode: 0o600 });
  await chmod(tokenFile, 0o600);
  console.log(`Created a worker token for the local worker in ${tokenFile}`);
}
await db.$disconnect();
