import type { AuthOptions } from "next-auth";
import KeycloakProvider from "next-auth/providers/keycloak";
import { env } from "../env";
import { keydeckAdapter } from "./adapter";
import { keycloakUser } from "./keycloak-profile";
import { secureCookies } from "./cookies";
import { refreshIdentity } from "./refresh-identity";
import { groupsFromIdToken, syncSignInGroups } from "../teams/group-grants";

let cached: AuthOptions | undefined;

/** next-auth configuration; built on first use so that `next build` needs no secrets. */
export function authOptions(): AuthOptions {
  if (cached) return cached;
  const config = env();
  cached = {
    secret: config.NEXTAUTH_SECRET,
    adapter: keydeckAdapter(),
    // Database sessions, so that sign-out and an operator can revoke them.
    session: { strategy: "database", maxAge: 8 * 60 * 60, updateAge: 15 * 60 },
    // HttpOnly and SameSite=Lax are next-auth's defaults for every cookie;
    // Secure (and the __Secure-/__Host- names) follows lib/auth/cookies.ts.
    useSecureCookies: secureCookies(),
    providers: [
      // The same provider, and so the same code path (authorization code
      // flow with PKCE and state), for a real Keycloak and the dev provider.
      KeycloakProvider({
        issuer: config.KEYCLOAK_ISSUER,
        clientId: config.KEYCLOAK_CLIENT_ID,
        clientSecret: config.KEYCLOAK_CLIENT_SECRET,
        profile: keycloakUser,
      }),
    ],
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
      session({ session, user }) {
        return { ...session, user: { id: user.id, name: user.name, email: user.email } };
      },
    },
    events: {
      // next-auth creates the user on first sign-in only; keep name, email and
      // the tokens (the id token is the hint for identity-provider logout)
      // current on every sign-in, keyed by the provider's `sub`.
      // Keycloak groups are applied to project roles at every sign-in.
      signIn: async ({ user, account, profile }) => {
        if (!account) return;
        await refreshIdentity({ userId: user.id, account, profile });
        await syncSignInGroups(user.id, groupsFromIdToken(account.id_token));
      },
    },
  };
  return cached;
}
