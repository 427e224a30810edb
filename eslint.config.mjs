import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import clientBoundary from "./eslint/client-boundary.mjs";

const root = import.meta.dirname;

// Boundaries (README, "What is where"). Imports are resolved, so "@/…" and
// relative paths count alike.
// - Client code (components/, lib/client/, and every "use client" module with
//   whatever it imports) never imports server/, lib/db.ts or lib/env.ts,
//   directly or through another module. It calls the server through the
//   server actions in lib/actions/, the designed boundary. A "use client"
//   module may `import type` from anywhere; the folder zones below count type
//   imports too (eslint-plugin-import 2.32 has no exception for them).
// - lib/ imports neither app/, components/ nor server/.
// - server/ imports neither app/ nor the dashboard's actions (lib/actions/).
// - lib/db.ts, lib/env.ts and server/engine/ start with `import "server-only"`,
//   so a client bundle that reaches them fails `next build` as well.
const boundaryZones = [
  {
    target: ["./components", "./lib/client"],
    from: ["./server", "./lib/db.ts", "./lib/env.ts"],
    message: "Client code does not import server code: use a server action from lib/actions/.",
  },
  {
    target: "./lib",
    from: ["./app", "./components", "./server"],
    message: "lib/ is the shared domain: it imports neither routes, components nor the API service.",
  },
  {
    target: "./server",
    from: ["./app", "./lib/actions"],
    message: "The API service imports lib/, never the dashboard's routes or actions.",
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { boundaries: clientBoundary },
    rules: {
      "import/no-restricted-paths": ["error", { basePath: root, zones: boundaryZones }],
      "boundaries/no-server-only-in-client": ["error", { root, serverOnly: ["server", "lib/db.ts", "lib/env.ts"] }],
    },
  },
  globalIgnores([".next/**", ".data/**", "dist/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
