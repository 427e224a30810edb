import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PortInUseError, scratchDataDir, startEmbeddedPostgres } from "./embedded-postgres";
import { isPortFree, runToCompletion, waitFor } from "./processes";
import { devUsers } from "../dev-idp/users";

// The database of `npm run dev`, end to end: a real PostgreSQL server from
// the npm registry in a fresh directory, the real migrations, the demo seed
// run twice, the data kept across a restart, and no server left behind
// however the process that started it ends.

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

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every seeded row, by its natural key, with the columns an update would touch. */
async function snapshot(url: string) {
  return {
    users: await query(url, "SELECT id, name, email, updated_at FROM users ORDER BY email"),
    accounts: await query(
      url,
      "SELECT a.id, u.email, a.type, a.provider, a.provider_account_id FROM accounts a JOIN users u ON u.id = a.user_id ORDER BY u.email",
    ),
    projects: await query(url, "SELECT id, name, slug, updated_at FROM projects ORDER BY slug"),
    memberships: await query(
      url,
      "SELECT p.slug, u.email, m.role FROM memberships m JOIN projects p ON p.id = m.project_id JOIN users u ON u.id = m.user_id ORDER BY 1, 2",
    ),
    activity: await query(
      url,
      "SELECT p.slug, e.action, u.email AS actor FROM activity_events e JOIN projects p ON p.id = e.project_id LEFT JOIN users u ON u.id = e.actor_id ORDER BY 1",
    ),
  };
}

/** Processes whose parent is `pid` (the server's backends and helpers). */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, not ")".
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the embedded PostgreSQL server", () => {
  it("takes the migrations and an idempotent demo seed, keeps its data across a restart, and frees its port", { timeout: 180_000 }, async () => {
    const dir = await scratchDataDir("keydeck-embedded-pg");
    const dataDir = path.join(dir, "postgres");
    try {
      const db = await startEmbeddedPostgres({ dataDir, port: 0 });
      let first: Awaited<ReturnType<typeof snapshot>>;
      try {
        expect((await query<{ server_version: string }>(db.url, "SHOW server_version"))[0]!.server_version).toMatch(/^\d+\.\d+/);
        if (!existsSync(path.join(root, "node_modules/.prisma/client/index.js"))) {
          await run("generate", [prismaCli, "generate"], db.url);
        }
        await run("migrate", [prismaCli, "migrate", "deploy"], db.url);

        await run("seed", ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], db.url);
        first = await snapshot(db.url);
        await run("seed", ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], db.url);
        expect(await snapshot(db.url)).toEqual(first);
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
      expect(await isPortFree(db.port, "127.0.0.1")).toBe(true);
      expect(alive(db.pid)).toBe(false);

      const again = await startEmbeddedPostgres({ dataDir, port: db.port });
      try {
        expect(await snapshot(again.url)).toEqual(first);
      } finally {
        await again.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("takes another port when the one asked for is taken, or refuses if told to", { timeout: 60_000 }, async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const taken = (holder.address() as net.AddressInfo).port;
    const dataDir = await scratchDataDir("keydeck-embedded-pg-port");
    try {
      await expect(startEmbeddedPostgres({ dataDir, port: taken, ephemeral: true })).rejects.toBeInstanceOf(PortInUseError);
      const db = await startEmbeddedPostgres({ dataDir, port: taken, portTaken: "any", ephemeral: true });
      try {
        expect(db.port).not.toBe(taken);
        expect(await query(db.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
      } finally {
        await db.stop();
      }
      // A throw-away server takes its data directory with it.
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      holder.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  for (const signal of ["SIGINT", "SIGTERM", "SIGKILL"] as const) {
    it(`leaves no server behind when the process that started it gets ${signal}`, { timeout: 60_000 }, async () => {
      const dir = await scratchDataDir("keydeck-embedded-pg-orphan");
      const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/integration/embedded-postgres-child.ts"), path.join(dir, "db")], {
        cwd: root,
        stdio: ["ignore", "pipe", "inherit"],
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      try {
        const first = await new Promise<string>((resolve, reject) => {
          createInterface({ input: child.stdout! }).once("line", resolve);
          child.once("exit", (code) => reject(new Error(`the child exited (${code}) before the server started`)));
        });
        const { pid, port } = JSON.parse(first) as { pid: number; port: number };
        const backends = childrenOf(pid);
        expect(backends.length).toBeGreaterThan(0); // checkpointer, WAL writer, …
        expect(await isPortFree(port, "127.0.0.1")).toBe(false);

        child.kill(signal);
        await exited;
        await waitFor("the server to stop", async () => ![pid, ...backends].some(alive) && (await isPortFree(port, "127.0.0.1")), {
          timeoutMs: 20_000,
        });
      } finally {
        child.kill("SIGKILL");
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
