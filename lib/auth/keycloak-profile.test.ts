import { describe, expect, it } from "vitest";
import { keycloakUser, verifiedEmail } from "./keycloak-profile";

// Finding 7 of the security review: the email was copied whatever Keycloak
// said of it.
describe("the email kept from a Keycloak profile", () => {
  it.each([
    [{ email: "a@example.com", email_verified: true }, "a@example.com"],
    [{ email: "a@example.com", email_verified: false }, null],
    [{ email: "a@example.com" }, null],
    [{ email: "a@example.com", email_verified: "true" as unknown as boolean }, null],
    [{ email_verified: true }, null],
  ])("%j → %s", (profile, expected) => {
    expect(verifiedEmail(profile)).toBe(expected);
    expect(keycloakUser({ sub: "s-1", ...profile }).email).toBe(expected);
  });

  it("keeps the rest of next-auth's mapping", () => {
    expect(keycloakUser({ sub: "s-1", preferred_username: "alice", email: "a@x.example", email_verified: true })).toEqual({
      id: "s-1",
      name: "alice",
      email: "a@x.example",
      image: null,
    });
  });
});
