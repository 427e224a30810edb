import { scratchDataDir, selectOne, startEmbeddedPostgres } from "./embedded-postgres";

// Which PostgreSQL server the tests, benchmarks and fault runs make their
// throw-away databases on, decided in this one place:
//   1. TEST_DATABASE_ADMIN_URL, when set (scripts/test.ts sets it for its
//      children once it has decided, so a run uses one server);
//   2. the local server at 127.0.0.1:5432, when one answers as `postgres`;
//   3. otherwise an embedded server of the run's own, deleted when released.
// TEST_DATABASE=embedded skips 2: CI uses it to prove that the tests need no
// PostgreSQL installed.

export const LOCAL_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabaseServer {
  adminUrl: string;
  /** For the log: where the databases are. */
  description: string;
  /** Stops the server if this run started it. */
  release(): Promise<void>;
}

function testDatabaseMode(): "auto" | "embedded" {
  const mode = process.env.TEST_DATABASE?.trim() || "auto";
  if (mode !== "auto" && mode !== "embedded") {
    throw new Error(`TEST_DATABASE must be "embedded" (or unset to use a local server when one answers), got "${mode}"`);
  }
  return mode;
}

export async function acquireTestDatabaseServer(): Promise<TestDatabaseServer> {
  const mode = testDatabaseMode();
  const given = process.env.TEST_DATABASE_ADMIN_URL?.trim();
  if (given) return { adminUrl: given, description: "TEST_DATABASE_ADMIN_URL", release: async () => {} };
  if (mode === "auto" && (await selectOne(LOCAL_ADMIN_URL, 1500).catch(() => false))) {
    return { adminUrl: LOCAL_ADMIN_URL, description: "the local PostgreSQL at 127.0.0.1:5432", release: async () => {} };
  }
  const server = await startEmbeddedPostgres({ dataDir: await scratchDataDir("keydeck-test-pg"), port: 0, ephemeral: true });
  return {
    adminUrl: server.url,
    description: `an embedded PostgreSQL ${server.version} of this run's own (fsync off) at 127.0.0.1:${server.port}${mode === "embedded" ? " (TEST_DATABASE=embedded)" : ""}`,
    release: () => server.stop(),
  };
}
