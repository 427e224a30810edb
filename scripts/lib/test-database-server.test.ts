import { afterEach, describe, expect, it, vi } from "vitest";
import { acquireTestDatabaseServer } from "./test-database-server";

afterEach(() => vi.unstubAllEnvs());

describe("acquireTestDatabaseServer", () => {
  it("refuses an unknown TEST_DATABASE before connecting anywhere", async () => {
    vi.stubEnv("TEST_DATABASE", "sqlite");
    await expect(acquireTestDatabaseServer()).rejects.toThrow('TEST_DATABASE must be "embedded" (or unset to use a local server when one answers), got "sqlite"');
  });

  it("uses TEST_DATABASE_ADMIN_URL as given, without probing or starting a server", async () => {
    vi.stubEnv("TEST_DATABASE", undefined);
    vi.stubEnv("TEST_DATABASE_ADMIN_URL", "postgresql://someone@127.0.0.1:1/postgres");
    const server = await acquireTestDatabaseServer();
    expect(server.adminUrl).toBe("postgresql://someone@127.0.0.1:1/postgres");
    expect(server.description).toBe("TEST_DATABASE_ADMIN_URL");
  });
});
