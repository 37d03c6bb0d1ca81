import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { env } from "../env";

const globalForPrisma = globalThis as unknown as { modelyardPrisma?: PrismaClient };

/** One client per process (Next.js dev reloads modules; the global keeps the pool). */
export const db: PrismaClient =
  globalForPrisma.modelyardPrisma ??
  new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 20 }) });

globalForPrisma.modelyardPrisma = db;

export * from "./generated/client";
