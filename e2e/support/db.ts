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

/** Every row of every table, as text: a secret's plaintext must appear in none of them. */
export async function wholeDatabaseText(): Promise<string> {
  const tables = await query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public'`);
  const dumps = await Promise.all(
    tables.map(({ tablename }) => query<{ row: string }>(`select row_to_json(t)::text as row from "${tablename}" t`)),
  );
  return dumps.flat().map((r) => r.row).join("\n");
}
