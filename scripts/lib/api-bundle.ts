import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * esbuild for the /api/v1 service and the benchmark's servers, with the one
 * set of options: `server-only` resolves to its empty server build (the
 * engine modules import it; plain Node has no react-server condition).
 */
export function bundleForNode(entry: string, outfile: string, extra: string[] = []) {
  execFileSync(
    path.join(root, "node_modules/.bin/esbuild"),
    [entry, "--bundle", "--platform=node", "--target=node22", "--format=cjs", "--packages=external", "--alias:server-only=./node_modules/server-only/empty.js", ...extra, `--outfile=${outfile}`],
    { cwd: root, stdio: "inherit" },
  );
}

// `npm run build:api`: the service as deployed.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  bundleForNode("server/main.ts", "dist/api/main.cjs", ["--sourcemap"]);
}
