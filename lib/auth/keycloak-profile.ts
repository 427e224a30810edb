import type { Profile } from "next-auth";

export type KeycloakProfile = Profile & { sub?: string; preferred_username?: string; email_verified?: boolean; picture?: string };

/**
 * The email to keep from a Keycloak profile: only one Keycloak says is
 * verified (finding 7 of the security review). An unverified address could
 * be anyone's, and next-auth matches accounts by email on first sign-in.
 */
export function verifiedEmail(profile: KeycloakProfile): string | null {
  return profile.email_verified === true && typeof profile.email === "string" && profile.email ? profile.email : null;
}

/** next-auth's Keycloak profile mapping, with the email only when verified. */
export function keycloakUser(profile: KeycloakProfile) {
  return {
    id: profile.sub ?? "",
    name: profile.name ?? profile.preferred_username ?? null,
    email: verifiedEmail(profile),
    image: profile.picture ?? null,
  };
}
