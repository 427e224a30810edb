import { defineConfig } from "prisma/config";
import { createCliAdapter } from "./prisma/cli-adapter";

// Prisma 6.19 with the JavaScript schema engine: the CLI runs its WASM engine
// through the pg driver adapter, so no native binary is downloaded (offline
// machines and CI cannot download one).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: point it at the PostgreSQL database to migrate.");
    return createCliAdapter(url);
  },
});
