import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashKeyInBrowser } from "./hash-key";

describe("hashKeyInBrowser", () => {
  it("gives the hex SHA-256 that api_keys.hash stores", async () => {
    const key = "kd_live_4fQ9xT0bW2mLr8ZcVn3sJ1yKpA7eHu6DgX5oSi";
    expect(await hashKeyInBrowser(key)).toBe(createHash("sha256").update(key).digest("hex"));
  });
});
