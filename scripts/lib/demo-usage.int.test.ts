import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/mutations";
import { createUser } from "@/tests/integration/factories";
import { writeDemoUsage } from "./demo-usage";

afterAll(async () => {
  await db.$disconnect();
});

it("gives every demo key that has traffic a last use within its last hour of traffic, and the others none", async () => {
  const user = await createUser();
  const project = await createProject({ userId: user.id, ip: null, name: "Demo" });
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const now = new Date();
  try {
    await writeDemoUsage(client, { projectId: project.id, days: 3, keys: 12, now });
  } finally {
    await client.end();
  }
  const keys = await db.$queryRaw<Array<{ name: string; last_used_at: Date | null; last_hour: Date | null; revoked_at: Date | null }>>`
    SELECT k.name, k.last_used_at, k.revoked_at,
           (SELECT max(h.hour) FROM usage_hourly h WHERE h.key_id = k.id AND h.requests > 0) AS last_hour
      FROM api_keys k WHERE k.project_id = ${project.id} ORDER BY k.name`;
  expect(keys).toHaveLength(12);
  expect(keys.filter((k) => k.last_hour).length).toBeGreaterThan(6);
  for (const key of keys) {
    if (!key.last_hour) {
      expect(key.last_used_at, key.name).toBeNull();
      continue;
    }
    const used = key.last_used_at!.getTime();
    expect(used, key.name).toBeGreaterThanOrEqual(key.last_hour.getTime());
    expect(used, key.name).toBeLessThan(key.last_hour.getTime() + 3600_000);
    expect(used, key.name).toBeLessThanOrEqual(now.getTime());
    if (key.revoked_at) expect(used, key.name).toBeLessThan(key.revoked_at.getTime());
  }
});
