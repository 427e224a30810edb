/** A complete, valid production configuration, for tests that change one setting at a time. */
export const productionEnvFixture = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://keydeck@db.internal/keydeck",
  NEXTAUTH_URL: "https://keydeck.example.com",
  NEXTAUTH_SECRET: "x".repeat(40),
  KEYCLOAK_ISSUER: "https://sso.example.com/realms/keydeck",
  KEYCLOAK_CLIENT_ID: "keydeck-dashboard",
  KEYCLOAK_CLIENT_SECRET: "s3cret-from-keycloak",
  EMBED_ENCRYPTION_KEY: "e".repeat(40),
};
