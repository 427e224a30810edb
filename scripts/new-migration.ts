// `npm run db:migration -- <name>`: writes the next migration's SQL by diffing
// the schema as it was when the last migration was committed against
// prisma/schema.prisma now. No shadow database is involved (Prisma's
// driver-adapter CLI cannot manage one cleanly); the CLI only opens a
// connection to DATABASE_URL (default: the local PostgreSQL) and writes
// nothing to it. Apply the result with `npm run db:migrate`; review the SQL
// before committing it.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const MIGRATIONS = "prisma/migrations";
const SCHEMA = "prisma/schema.prisma";

function git(...args: string[]): string {
  return execFileSync("git", args, { encoding: "utf8" }).trim();
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const name = process.argv[2];
if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) {
  fail("Usage: npm run db:migration -- <name>   (lowercase letters, digits and underscores, e.g. add_api_keys)");
}

const committed = new Set(git("ls-tree", "--name-only", "HEAD", `${MIGRATIONS}/`).split("\n").map((p) => path.basename(p)));
const pending = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !committed.has(entry.name))
  .map((entry) => entry.name);
if (pending.length) {
  fail(`Commit (or delete) the uncommitted migration first: ${pending.join(", ")}. Each new migration is diffed from the last committed one.`);
}

const lastMigrationCommit = git("log", "-1", "--format=%H", "--", MIGRATIONS);
const work = mkdtempSync(path.join(tmpdir(), "keydeck-migration-"));
try {
  const from = lastMigrationCommit
    ? (() => {
        const previous = path.join(work, "previous.prisma");
        writeFileSync(previous, git("show", `${lastMigrationCommit}:${SCHEMA}`));
        return ["--from-schema-datamodel", previous];
      })()
    : ["--from-empty"];

  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const directory = path.join(MIGRATIONS, `${stamp}_${name}`);
  const output = path.join(work, "migration.sql");
  try {
    execFileSync("node_modules/.bin/prisma", ["migrate", "diff", ...from, "--to-schema-datamodel", SCHEMA, "--script", "-o", output], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres" },
    });
  } catch {
    fail("prisma migrate diff failed (see above). It needs a reachable PostgreSQL in DATABASE_URL, though it writes nothing to it.");
  }
  const sql = readFileSync(output, "utf8");
  if (!sql.replace(/--.*$/gm, "").trim()) {
    console.log("The schema has not changed since the last migration: nothing to write.");
  } else {
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, "migration.sql"), sql);
    console.log(`Wrote ${directory}/migration.sql — review it, then apply it with \`npm run db:migrate\`.`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
