import "server-only";
import type { KeyEnvironment } from "../../lib/keys/format";
import type { ApiDatabase } from "./database";
import { digestHex } from "../../lib/keys/digest";
import { projectLimits } from "../../lib/plans/plans";
import { IpAllowlist } from "../../lib/keys/ip-allowlist";
import { effectivePermissions } from "../../lib/keys/permission-grants";
import { NO_POLICY, type KeyPolicy, type KeyRecord } from "./types";

/** A key's row with its project's plan and the usage its quota check starts from. */
export type LookedUpKey = {
  record: KeyRecord;
  /** Units per environment recorded for the project in the period the lookup asked about. */
  periodUnits: Partial<Record<KeyEnvironment, number>>;
  /** Lifetime units of a key with a cap (0 for others). */
  keyUnits: number;
};

type Row = {
  id: string;
  project_id: string;
  environment: KeyEnvironment;
  expires_ms: number | null;
  revoked: boolean;
  unit_cap: number | null;
  plan: "free" | "pro" | "custom";
  custom_monthly_units: number | null;
  custom_rps: number | null;
  test_monthly_units: number | null;
  embed_enabled: boolean;
  period_units: Record<string, number> | null;
  key_units: number;
  all_permissions: boolean;
  permissions: string[];
  project_permissions: string[] | null;
  ip_allowlist: string[];
  rate_limit_rps: number | null;
  credits_granted: number | null;
  credits_used: number;
  credits_period_ms: number | null;
  credits_version: number;
  credit_refill_interval: "daily" | "monthly" | null;
  credit_refill_amount: number | null;
};

// One round trip on the unique index api_keys(hash). Timestamps come back as
// epoch ms (extract(epoch) reads a `timestamp without time zone` as UTC,
// which is how Prisma stores them), so no time-zone parsing is involved.
// The usage subqueries read one primary-key range each; the project's
// permission names one range of project_permissions' unique index. The
// policy comes with the key, so a cached verify reads nothing more.
const LOOKUP_SQL = `
SELECT k.id, k.project_id, k.environment,
       (extract(epoch FROM k.expires_at) * 1000)::float8 AS expires_ms,
       k.revoked_at IS NOT NULL AS revoked,
       k.unit_cap, p.plan, p.custom_monthly_units, p.custom_rps, p.test_monthly_units, p.embed_enabled,
       (SELECT json_object_agg(u.environment, u.units) FROM project_usage u
         WHERE u.project_id = k.project_id AND u.period_start = to_timestamp($2::float8 / 1000)) AS period_units,
       CASE WHEN k.unit_cap IS NULL THEN 0
            ELSE (SELECT coalesce(sum(h.units), 0)::float8 FROM usage_hourly h WHERE h.key_id = k.id) END AS key_units,
       k.all_permissions, k.permissions, k.ip_allowlist, k.rate_limit_rps,
       (SELECT array_agg(pp.name) FROM project_permissions pp WHERE pp.project_id = k.project_id) AS project_permissions,
       k.credits_granted, k.credits_used::float8 AS credits_used,
       (extract(epoch FROM k.credits_period_start) * 1000)::float8 AS credits_period_ms,
       k.credits_version, k.credit_refill_interval, k.credit_refill_amount
  FROM api_keys k JOIN projects p ON p.id = k.project_id
 WHERE k.hash = $1`;

export async function lookupKey(db: ApiDatabase, digest: string, periodStart: number): Promise<LookedUpKey | null> {
  // A named statement: prepared once per connection, then only bound and executed.
  const { rows } = await db.query<Row>({ name: "keydeck_lookup_key", text: LOOKUP_SQL, values: [digestHex(digest), periodStart] });
  const row = rows[0];
  if (!row) return null;
  return {
    record: {
      digest,
      id: row.id,
      projectId: row.project_id,
      environment: row.environment,
      expiresAt: row.expires_ms,
      revoked: row.revoked,
      unitCap: row.unit_cap,
      limits: projectLimits({
        plan: row.plan,
        customMonthlyUnits: row.custom_monthly_units,
        customRps: row.custom_rps,
        testMonthlyUnits: row.test_monthly_units,
      }),
      embedEnabled: row.embed_enabled,
      policy: policyOf(row),
      hot: {},
    },
    periodUnits: row.period_units ?? {},
    keyUnits: row.key_units,
  };
}

/**
 * Keys of a project mostly share their permissions and allowlists: one copy
 * of each serves them all, which keeps a verify's reads in few cache lines
 * however many keys are cached. Bounded; a full table starts again.
 */
class Interned<T> {
  private readonly values = new Map<string, T>();
  constructor(private readonly maxEntries: number) {}
  get(id: string, make: () => T): T {
    let value = this.values.get(id);
    if (value === undefined) {
      if (this.values.size >= this.maxEntries) this.values.clear();
      this.values.set(id, (value = make()));
    }
    return value;
  }
}
const permissionSets = new Interned<{ permissions: readonly string[]; permissionSet: ReadonlySet<string> }>(10_000);
const allowlists = new Interned<IpAllowlist>(10_000);

function policyOf(row: Row): KeyPolicy {
  const projectNames = row.project_permissions ?? [];
  if (projectNames.length === 0 && row.ip_allowlist.length === 0 && row.rate_limit_rps === null && row.credits_granted === null) return NO_POLICY;
  const names = effectivePermissions(projectNames, { all: row.all_permissions, grants: row.permissions });
  // Names cannot contain a space: joined with one, the list is its own id.
  const { permissions, permissionSet } = permissionSets.get(names.join(" "), () => ({ permissions: names, permissionSet: new Set(names) }));
  return {
    permissions,
    permissionSet,
    allowlist: row.ip_allowlist.length ? allowlists.get(row.ip_allowlist.join(" "), () => new IpAllowlist(row.ip_allowlist)) : null,
    rateLimitRps: row.rate_limit_rps,
    credits:
      row.credits_granted === null
        ? null
        : {
            granted: row.credits_granted,
            used: row.credits_used,
            periodStart: row.credits_period_ms ?? 0,
            version: row.credits_version,
            refill: row.credit_refill_interval && row.credit_refill_amount ? { interval: row.credit_refill_interval, amount: row.credit_refill_amount } : null,
          },
  };
}
