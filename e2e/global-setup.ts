import { isLocalHost } from "../scripts/lib/test-database";
import { resetSecretLedger } from "./support/secrets";

// Refuses to run against anything but a local database: the tests create
// users and projects and scripts/test.ts drops the database afterwards.
export default function globalSetup() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the end-to-end tests through `npm test` (or `npm run test:e2e`).");
  const host = new URL(url).hostname;
  if (!isLocalHost(host)) {
    throw new Error(`Refusing to run end-to-end tests against a database on ${host}: use a local PostgreSQL.`);
  }
  resetSecretLedger();
}
