import "server-only";
import { PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "./env";

// The one Prisma client. The query compiler runs in WASM over the pg driver
// adapter (no native engine to download).
function createClient() {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  return createPrismaClient({ url: DATABASE_URL, poolSize: DATABASE_POOL_SIZE });
}

/**
 * A client of its own, for a process that does not read the dashboard's
 * configuration: the /api/v1 service uses one, small and lazily opened, for
 * its cold leak-report endpoints, which share the dashboard's mutations.
 */
export function createPrismaClient({ url, poolSize }: { url: string; poolSize: number }): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
}

// Kept on globalThis because Next.js dev reloads modules on every change and
// each reload would otherwise open a new pool.
const globalForDb = globalThis as unknown as { keydeckDb?: PrismaClient };

function client(): PrismaClient {
  globalForDb.keydeckDb ??= createClient();
  return globalForDb.keydeckDb;
}

// Created on first use, not at import: `next build` imports server modules
// without a database or production secrets, and must not need them.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = client();
    const value: unknown = Reflect.get(instance, property, instance);
    return typeof value === "function" ? value.bind(instance) : value;
  },
});

/** A Prisma transaction client: pass it down so every query of a transaction stays on it. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type DbClient = PrismaClient | Tx;
