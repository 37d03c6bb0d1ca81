// `npm run worker-token -- <name>`: prints a new worker token (for a GPU host's worker) once.
import { createApiToken } from "../lib/auth/api-tokens";
import { db } from "../lib/db/client";

const name = process.argv[2] ?? "worker";
const admin = await db.user.findFirst({ where: { role: "ADMIN" }, orderBy: { createdAt: "asc" } });
if (!admin) {
  console.error("No admin yet: run `npm start` once first.");
  process.exit(2);
}
const token = await createApiToken(admin.id, name, "WORKER");
console.log(token.secret);
await db.$disconnect();
