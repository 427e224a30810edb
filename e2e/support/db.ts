import pg from "pg";

/** Reads the test database directly, to check what the UI cannot show (sessions, stored rows). */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

// Left out of database snapshots because they change by themselves while
// nothing is asked of the app:
const SNAPSHOT_EXCLUSIONS: Record<string, "table" | string[]> = {
  // Each running /api/v1 instance writes its heartbeat and applied
  // invalidation id here every few hundred milliseconds.
  api_instances: "table",
  // next-auth moves a database session's expiry forward when a request comes
  // more than `updateAge` (15 minutes) after the last move: a read, not a change.
  sessions: ["expires"],
  // "Last active" on the members page: a trace of reading a project, written
  // at most every few minutes by the access check, not a change anyone asked for.
  memberships: ["last_active_at"],
  // The webhook worker's progress: attempts, their deliveries' state, an
  // endpoint's failure streak (retries of the test targets' endpoints, which
  // point nowhere, go on for the whole run).
  webhook_attempts: "table",
  webhook_deliveries: ["status", "attempts", "next_attempt_at"],
  webhook_endpoints: ["failing_since"],
};

/**
 * Every row of every table of the app's schema, in a stable order, as text
 * (row_to_json): two equal snapshots mean a byte-for-byte equal database,
 * but for SNAPSHOT_EXCLUSIONS.
 */
export async function snapshotDatabase(): Promise<Record<string, string[]>> {
  const tables = await query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const snapshot: Record<string, string[]> = {};
  for (const { table_name: table } of tables) {
    const excluded = SNAPSHOT_EXCLUSIONS[table];
    if (excluded === "table") continue;
    const dropped = (excluded ?? []).map((column) => ` - '${column}'`).join("");
    const rows = await query<{ row: string }>(`SELECT (to_jsonb(t)${dropped})::text AS row FROM "${table}" t ORDER BY 1`);
    snapshot[table] = rows.map((r) => r.row);
  }
  return snapshot;
}
