import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDeploy } from "./migrate";
import { acquireTestDatabaseServer } from "./test-database-server";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Tests create and drop databases: only a server on this machine may host them. */
export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname);
}

/**
 * Creates a fresh, migrated database for one test run, on the server
 * test-database-server.ts picks. Refuses any server that is not on this
 * machine: tests create and drop databases. drop() also stops an embedded
 * server started for it.
 */
export async function createTestDatabase(label: string): Promise<{ url: string; server: string; drop(): Promise<void> }> {
  const server = await acquireTestDatabaseServer();
  try {
    const admin = new URL(server.adminUrl);
    if (!isLocalHost(admin.hostname) && process.env.KEYDECK_ALLOW_REMOTE_TEST_DB !== "1") {
      throw new Error(`Refusing to create test databases on ${admin.hostname}: tests only run against a local PostgreSQL.`);
    }
    const name = `keydeck_test_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    await withAdmin(server.adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(admin);
    url.pathname = `/${name}`;
    await migrateDeploy(url.toString());
    return {
      url: url.toString(),
      server: server.description,
      async drop() {
        try {
          await withAdmin(server.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
        } finally {
          await server.release();
        }
      },
    };
  } catch (error) {
    await server.release();
    throw error;
  }
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
