import { existsSync } from "node:fs";
import path from "node:path";
import { devDataDir, runningServerUrl, startEmbeddedPostgres } from "./embedded-postgres";

/**
 * The database `npm run dev` uses, for scripts that work on its data
 * (`npm run seed:demo`): DATABASE_URL; else the embedded server of a running
 * `npm run dev`; else that server's data directory, started for the script
 * and stopped by release().
 */
export async function openDevDatabase(root: string): Promise<{ url: string; description: string; release(): Promise<void> }> {
  const given = process.env.DATABASE_URL?.trim();
  if (given) return { url: given, description: "DATABASE_URL", release: async () => {} };
  const dataDir = await devDataDir(root);
  const running = await runningServerUrl(dataDir);
  if (running) return { url: running, description: "the embedded PostgreSQL of `npm run dev`", release: async () => {} };
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    throw new Error(`There is no dev database yet (${path.relative(root, dataDir)}): run \`npm run dev\` once first, or set DATABASE_URL.`);
  }
  const server = await startEmbeddedPostgres({ dataDir, port: 0 });
  return { url: server.url, description: `the embedded PostgreSQL in ${path.relative(root, dataDir)}`, release: () => server.stop() };
}
