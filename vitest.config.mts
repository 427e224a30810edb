import { defineConfig } from "vitest/config";
import path from "node:path";

// Two projects: fast unit tests (no I/O), and integration tests
// (`*.int.test.ts`) against a real PostgreSQL database that
// scripts/test.ts creates fresh for the run and drops afterwards.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests run the server's modules in plain Node, outside React's
      // "react-server" condition, where the marker would throw: give them
      // the marker's server build (an empty module), as Next.js does.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{lib,server,scripts,prisma,eslint}/**/*.test.ts", "*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{lib,server,scripts,prisma,tests}/**/*.int.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          // One database: files run one after another so row counts are exact.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
