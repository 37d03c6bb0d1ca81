// Config for the migration CLI (Prisma 6.19, aliased as `prisma-migrate`): its WebAssembly
// schema engine works where Prisma 7's native engine cannot be downloaded. Prisma 6 wants a
// datasource `url` that Prisma 7 forbids, so scripts/db.sh hands it a derived copy of
// prisma/schema.prisma (the one source of truth) with that line added.
import path from "node:path";
import { defineConfig } from "prisma-migrate/config";
import { PrismaPg } from "@prisma/adapter-pg";

const derivedSchema = process.env.MODELYARD_DERIVED_SCHEMA;
if (!derivedSchema) throw new Error("run migrations through scripts/db.sh");

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: derivedSchema,
  migrations: { path: path.resolve(import.meta.dirname, "migrations") },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
