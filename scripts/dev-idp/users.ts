/**
 * The demo accounts of the dev identity provider. Playwright's setup project
 * and the dev command's banner import this list, so the passwords live here
 * and nowhere else.
 */
export interface DevUser {
  /** Stable subject, a UUID like Keycloak's user ids; the app keys accounts on it. */
  sub: string;
  username: string;
  password: string;
  email: string;
  givenName: string;
  familyName: string;
  name: string;
  /**
   * Full paths of the groups the user starts in (scripts/dev-idp/groups.ts
   * holds the realm's groups). The admin API changes membership while the
   * provider runs; this is only where each run starts.
   */
  groups: readonly string[];
}

export const devUsers: readonly DevUser[] = [
  {
    sub: "5b0c2f4e-6a1d-4f0e-9c3a-0a11ce000001",
    username: "alice",
    password: "alice-password",
    email: "alice@example.com",
    givenName: "Alice",
    familyName: "Anderson",
    name: "Alice Anderson",
    groups: ["/acme/payments-admins"],
  },
  {
    sub: "8d3e7a92-1b4c-4d6f-8e2a-0b0b00000002",
    username: "bob",
    password: "bob-password",
    email: "bob@example.com",
    givenName: "Bob",
    familyName: "Brown",
    name: "Bob Brown",
    groups: [],
  },
  {
    sub: "c41f9e27-3d5a-4b8c-a7e1-0ca201000003",
    username: "carol",
    password: "carol-password",
    email: "carol@example.com",
    givenName: "Carol",
    familyName: "Chen",
    name: "Carol Chen",
    groups: ["/acme/payments-developers"],
  },
  {
    // Signed out by the security tests (back-channel logout ends all of a
    // user's sessions), so nobody else's browser state depends on this one.
    sub: "d7a24b61-9e3f-4c2d-b5a8-0da7e0000004",
    username: "dave",
    password: "dave-password",
    email: "dave@example.com",
    givenName: "Dave",
    familyName: "Diaz",
    name: "Dave Diaz",
    groups: ["/acme/support"],
  },
];

/** Like Keycloak: the login field takes a username or an email, both case-insensitive. */
export function findUserByLogin(login: string): DevUser | undefined {
  const wanted = login.trim().toLowerCase();
  if (!wanted) return undefined;
  return devUsers.find((user) => user.username === wanted || user.email.toLowerCase() === wanted);
}

export function findUserBySub(sub: string): DevUser | undefined {
  return devUsers.find((user) => user.sub === sub);
}

/**
 * The claims Keycloak's default mappers put in tokens and userinfo, plus the
 * realm file's "Group Membership" mapper (`groups`, full paths). `groupPaths`
 * is the user's membership now, not `user.groups`.
 */
export function claimsFor(user: DevUser, groupPaths: readonly string[]): Record<string, string | boolean | string[]> {
  return {
    sub: user.sub,
    email: user.email,
    email_verified: true,
    name: user.name,
    given_name: user.givenName,
    family_name: user.familyName,
    preferred_username: user.username,
    // Keycloak's mapper leaves the claim out, rather than sending [], for a
    // user in no group; the app must read a missing claim as "no groups".
    ...(groupPaths.length ? { groups: [...groupPaths] } : {}),
  };
}
