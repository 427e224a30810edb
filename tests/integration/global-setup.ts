import { createTestDatabase } from "../../scripts/lib/test-database";

// A fresh database for each integration run, dropped afterwards. Workers are
// started after this runs and inherit DATABASE_URL.
export default async function setup() {
  const database = await createTestDatabase("int");
  process.env.DATABASE_URL = database.url;
  // Webhook receivers in the tests listen on 127.0.0.1 (the production refusal has a test of its own).
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  return async () => {
    await database.drop();
  };
}
