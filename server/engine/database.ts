import "server-only";
import pg from "pg";

// The /api/v1 service talks to PostgreSQL through `pg` directly, not Prisma:
// its hot-path miss must be one round trip on a named prepared statement
// (parsed and planned once per connection), and the flush needs unnest()
// upserts and an explicit transaction on one connection. The cold endpoints
// (usage, sandbox mint) share the same pool, so the service holds a known,
// small number of connections.

/** What a transaction's work gets: queries on the transaction's one connection. */
export type Queryable = {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
};

export type ApiDatabase = {
  pool: pg.Pool;
  /** Statements sent; the tests check that a bad checksum sends none. */
  readonly queries: number;
  query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
  /** Runs `work` in a transaction on one connection. */
  transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T>;
  /** False after a connection-level failure, until a statement succeeds again. */
  readonly reachable: boolean;
  end(): Promise<void>;
};

// Errors that mean "the database is not there", as opposed to a bad statement.
const CONNECTION_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "57P01", "57P02", "57P03", "08006", "08003", "08001"]);

export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return CONNECTION_ERRORS.has(code);
  const message = error instanceof Error ? error.message : "";
  return /terminat|timeout|Connection ended|not queryable|connect/i.test(message);
}

export function createApiDatabase(options: { url: string; poolSize: number; applicationName: string }): ApiDatabase {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    application_name: options.applicationName,
    // Fail closed quickly: a request waits at most this long for a connection.
    connectionTimeoutMillis: 2000,
    // Every timestamp this service computes in SQL is UTC (the Prisma
    // columns are `timestamp without time zone`, holding UTC).
    options: "-c TimeZone=UTC -c statement_timeout=5000",
    query_timeout: 6000,
  });
  // An idle client's error (the server went away) must not crash the process.
  pool.on("error", () => {});
  let queries = 0;
  let reachable = true;

  const note = <T>(pending: Promise<T>): Promise<T> =>
    pending.then(
      (result) => {
        reachable = true;
        return result;
      },
      (error: unknown) => {
        if (isConnectionError(error)) reachable = false;
        throw error;
      },
    );

  return {
    pool,
    get queries() {
      return queries;
    },
    get reachable() {
      return reachable;
    },
    query<R extends pg.QueryResultRow>(config: pg.QueryConfig) {
      queries++;
      return note(pool.query<R>(config));
    },
    async transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
      const client = await note(pool.connect());
      let broken = false;
      // A checked-out client that loses its connection between statements
      // emits "error"; unheard, that would end the process.
      const onError = () => {
        broken = true;
        reachable = false;
      };
      client.on("error", onError);
      const queryable: Queryable = {
        query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
          queries++;
          return client.query<R>({ text, values });
        },
      };
      try {
        await client.query("BEGIN");
        const result = await work(queryable);
        await note(client.query("COMMIT"));
        return result;
      } catch (error) {
        broken ||= isConnectionError(error);
        if (broken) reachable = false;
        else await client.query("ROLLBACK").catch(() => (broken = true));
        throw error;
      } finally {
        client.off("error", onError);
        // A connection that failed mid-transaction is not reused.
        client.release(broken);
      }
    },
    end: () => pool.end(),
  };
}
