import { createTestDatabase } from "../../scripts/lib/test-database";

// A fresh database for each integration run, dropped afterwards. Workers are
// started after this runs and inherit DATABASE_URL.
export default async function setup() {
  const database = await createTestDatabase("int");
  process.env.DATABASE_URL = database.url;
  return async () => {
    await database.drop();
  };
}
