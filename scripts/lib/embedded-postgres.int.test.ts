import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { findFreePort, isPortFree, runToCompletion } from "./processes";
import { devUsers } from "../dev-idp/users";

// The zero-setup path of `npm run dev`, end to end: an embedded PostgreSQL
// in a fresh directory, the real migrations, and the demo seed run twice.

const root = fileURLToPath(new URL("../..", import.meta.url));
const prismaCli = path.join(root, "node_modules/prisma/build/index.js");

function run(name: string, args: string[], databaseUrl: string) {
  return runToCompletion({
    name,
    command: process.execPath,
    args,
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development" },
    output: "capture",
  });
}

/** Every seeded row, by its natural key, with the columns an update would touch. */
async function snapshot(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async (sql: string) => (await client.query(sql)).rows;
    return {
      users: await rows("SELECT id, name, email, updated_at FROM users ORDER BY email"),
      accounts: await rows(
        "SELECT a.id, u.email, a.type, a.provider, a.provider_account_id FROM accounts a JOIN users u ON u.id = a.user_id ORDER BY u.email",
      ),
      projects: await rows("SELECT id, name, slug, updated_at FROM projects ORDER BY slug"),
      memberships: await rows(
        "SELECT p.slug, u.email, m.role FROM memberships m JOIN projects p ON p.id = m.project_id JOIN users u ON u.id = m.user_id ORDER BY 1, 2",
      ),
      activity: await rows(
        "SELECT p.slug, e.action, u.email AS actor FROM activity_events e JOIN projects p ON p.id = e.project_id LEFT JOIN users u ON u.id = e.actor_id ORDER BY 1",
      ),
    };
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("takes the migrations and an idempotent demo seed, and frees its port when stopped", { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "keydeck-embedded-pg-"));
    const port = await findFreePort();
    try {
      const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), port });
      try {
        expect(db.port).toBe(port);
        if (!existsSync(path.join(root, "node_modules/.prisma/client/index.js"))) {
          await run("generate", [prismaCli, "generate"], db.url);
        }
        await run("migrate", [prismaCli, "migrate", "deploy"], db.url);

        await run("seed", ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], db.url);
        const first = await snapshot(db.url);
        await run("seed", ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], db.url);
        const second = await snapshot(db.url);

        expect(second).toEqual(first);
        expect(first.users.map((user) => user.email)).toEqual(devUsers.map((user) => user.email));
        expect(first.accounts.every((account) => account.provider === "keycloak" && account.type === "oauth")).toBe(true);
        expect(first.memberships).toEqual([
          { slug: "acme-payments", email: "alice@example.com", role: "owner" },
          { slug: "acme-payments", email: "bob@example.com", role: "viewer" },
          { slug: "weather-api", email: "bob@example.com", role: "owner" },
        ]);
        expect(first.activity).toEqual([
          { slug: "acme-payments", action: "project.created", actor: "alice@example.com" },
          { slug: "weather-api", action: "project.created", actor: "bob@example.com" },
        ]);
      } finally {
        await db.stop();
      }
      expect(await isPortFree(port, "127.0.0.1")).toBe(true);
      expect(existsSync(path.join(dir, "postgres.pid"))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
