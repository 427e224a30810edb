import { afterEach, describe, expect, it } from "vitest";
import { embeddedBinaries, EmbeddedPostgresUnavailableError } from "./embedded-postgres";

const arch = Object.getOwnPropertyDescriptor(process, "arch")!;
afterEach(() => Object.defineProperty(process, "arch", arch));

describe("embeddedBinaries", () => {
  it("finds this platform's PostgreSQL binaries", async () => {
    const binaries = await embeddedBinaries();
    expect(binaries.postgres).toMatch(/postgres(\.exe)?$/);
    expect(binaries.initdb).toMatch(/initdb(\.exe)?$/);
  });

  it("on a platform npm has no binaries for, says so and asks for DATABASE_URL", async () => {
    Object.defineProperty(process, "arch", { ...arch, value: "riscv64" });
    const failure = embeddedBinaries();
    await expect(failure).rejects.toBeInstanceOf(EmbeddedPostgresUnavailableError);
    await expect(failure).rejects.toThrow(`No embedded PostgreSQL for ${process.platform}-riscv64`);
    await expect(failure).rejects.toThrow("Set DATABASE_URL to a PostgreSQL server of your own");
  });
});
