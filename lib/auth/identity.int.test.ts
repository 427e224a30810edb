import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { Account } from "next-auth";
import type { AdapterAccount } from "next-auth/adapters";
import { db } from "@/lib/db";
import { createUser } from "@/tests/integration/factories";
import { keydeckAdapter } from "./adapter";
import { keycloakUser } from "./keycloak-profile";
import { refreshIdentity } from "./refresh-identity";

// Finding 7 of the security review: Keycloak's access and refresh tokens were
// stored in plain text (and never used), and the email was copied unverified.

afterAll(async () => {
  await db.$disconnect();
});

/** A token response as Keycloak sends it, plus next-auth's own fields. */
function keycloakAccount(userId: string, sub: string = randomUUID()): AdapterAccount {
  return {
    userId,
    type: "oauth",
    provider: "keycloak",
    providerAccountId: sub,
    access_token: `access-${randomUUID()}`,
    refresh_token: `refresh-${randomUUID()}`,
    id_token: `id-${randomUUID()}`,
    expires_at: 1_900_000_000,
    refresh_expires_in: 1800,
    token_type: "Bearer",
    scope: "openid email profile",
    session_state: randomUUID(),
    "not-before-policy": 0,
  } as unknown as AdapterAccount;
}

/** Every column of the account rows, as text, to search for a token. */
async function storedAccountText(providerAccountId: string) {
  const rows = await db.$queryRaw<unknown[]>`SELECT * FROM accounts WHERE provider_account_id = ${providerAccountId}`;
  expect(rows).toHaveLength(1);
  return JSON.stringify(rows);
}

describe("the Account row", () => {
  it("keeps the id token for logout, never the access or refresh token", async () => {
    const user = await createUser();
    const account = keycloakAccount(user.id);
    await keydeckAdapter().linkAccount!(account);
    const stored = await storedAccountText(account.providerAccountId);
    expect(stored).toContain(account.id_token as string);
    expect(stored).not.toContain(account.access_token as string);
    expect(stored).not.toContain(account.refresh_token as string);
  });

  it("stays without them when a later sign-in refreshes the identity", async () => {
    const user = await createUser();
    const account = keycloakAccount(user.id);
    await keydeckAdapter().linkAccount!(account);
    const again = { ...keycloakAccount(user.id, account.providerAccountId) } as unknown as Account;
    const profile = keycloakUser({ sub: account.providerAccountId, email_verified: true, email: "x@example.test" });
    await refreshIdentity({ userId: user.id, account: again, profile });
    const stored = await storedAccountText(account.providerAccountId);
    expect(stored).toContain(again.id_token as string);
    expect(stored).not.toContain(again.access_token as string);
    expect(stored).not.toContain(again.refresh_token as string);
  });
});

describe("the user's email on sign-in", () => {
  async function signInWith(profile: { email?: string; email_verified?: boolean }) {
    const user = await createUser("Before");
    const account = keycloakAccount(user.id);
    await keydeckAdapter().linkAccount!(account);
    // As next-auth does: Keycloak's claims through the provider's profile mapping, then events.signIn.
    const mapped = keycloakUser({ sub: account.providerAccountId, name: "After", ...profile });
    await refreshIdentity({ userId: user.id, account: account as unknown as Account, profile: mapped });
    return db.user.findUniqueOrThrow({ where: { id: user.id } });
  }

  it("is copied when Keycloak says it is verified", async () => {
    const email = `${randomUUID()}@verified.example`;
    expect((await signInWith({ email, email_verified: true })).email).toBe(email);
  });

  it.each([false, undefined])("is not copied, and an older one not kept, when email_verified is %s", async (email_verified) => {
    const user = await signInWith({ email: `${randomUUID()}@unverified.example`, email_verified });
    expect(user.email).toBeNull();
    expect(user.name).toBe("After");
  });
});
