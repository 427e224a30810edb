import { env } from "../env";

/** The parts of the identity provider's discovery document the app uses. */
export type IdentityProviderMetadata = { issuer: string; jwks_uri: string; end_session_endpoint?: string };

let metadata: Promise<IdentityProviderMetadata | null> | undefined;

/** KEYCLOAK_ISSUER's discovery document (cached; fetched again after a failure). */
export function identityProviderMetadata(): Promise<IdentityProviderMetadata | null> {
  metadata ??= fetch(`${env().KEYCLOAK_ISSUER}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) })
    .then(async (response) => {
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      return (await response.json()) as IdentityProviderMetadata;
    })
    .catch((error: unknown) => {
      metadata = undefined; // try again next time
      console.error("identity provider discovery failed", error);
      return null;
    });
  return metadata;
}
