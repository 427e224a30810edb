import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres";

describe("embedded PostgreSQL under concurrent connections", () => {
  it("answers every connection's parameterised queries with its own rows", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "keydeck-pglite-order-"));
    const database = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 0 });
    const pool = new pg.Pool({ connectionString: database.url, max: 9 });
    try {
      // Two different statements: a Bind that reached the other connection's
      // Parse would return the other statement's columns.
      const answers = await Promise.all(
        Array.from({ length: 3000 }, async (_, i) => {
          const sql = i % 2 ? "SELECT $1::int AS v, $2::text AS s" : "SELECT $1::int + 0 AS v, 'even:' || $2::text AS s";
          const { rows } = await pool.query<{ v: number; s: string }>(sql, [i, `q${i}`]);
          return rows[0]?.v === i && rows[0]?.s === (i % 2 ? `q${i}` : `even:q${i}`);
        }),
      );
      expect(answers.filter((ok) => !ok)).toHaveLength(0);
    } finally {
      await pool.end();
      await database.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
