import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

// PostgreSQL catalog columns typed `name` (oid 19) and `"char"` (oid 18) are
// read by Prisma's schema engine during `migrate`, but @prisma/adapter-pg 6.x
// cannot map them ("Column type 'name' could not be deserialized", prisma#27403).
// Both arrive as plain text on the wire, so reporting them as `text` is exact.
// Only the CLI needs this; the app's runtime client never reads the catalog.
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

type Result = { fields?: Array<{ dataTypeID: number }> } | undefined;

function retypeCatalogColumns<T>(result: T): T {
  for (const field of (result as Result)?.fields ?? []) {
    if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

class CatalogAwareClient extends pg.Client {
  // pg.Pool#query calls Client#query with a callback, the adapter's
  // transactions call it for a promise: patch both shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last] as (err: Error | null, res: unknown) => void;
      args[last] = (err: Error | null, res: unknown) => callback(err, err ? res : retypeCatalogColumns(res));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const pending = (super.query as (...a: unknown[]) => unknown)(...args);
    return pending instanceof Promise ? pending.then(retypeCatalogColumns) : pending;
  }
}

export function createCliAdapter(connectionString: string) {
  const pool = new pg.Pool({ connectionString, Client: CatalogAwareClient, max: 4 });
  return new PrismaPg(pool, { disposeExternalPool: true });
}
