import { describe, expect, it } from "vitest";
import { productionEnvFixture } from "./env.fixtures";
import { parseApiEnv, parseEnv } from "./env";
import { isProduction, LOCAL_TEST_HATCH } from "./production-config";

// Finding 6 of the security review: production accepted the dev client
// secret, the realm export's placeholder and an http issuer, and "production"
// was NODE_ENV alone (which `npm run start:api` does not set).

const production = productionEnvFixture;
/** The end-to-end suite's configuration (playwright.config.ts). */
const e2e = {
  ...production,
  NEXTAUTH_URL: "http://localhost:3100",
  KEYCLOAK_ISSUER: "http://127.0.0.1:18080/realms/keydeck",
  NEXTAUTH_SECRET: "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  KEYCLOAK_CLIENT_SECRET: "e2e-client-secret",
  EMBED_ENCRYPTION_KEY: "e2e-embed-encryption-key-0123456789abcdefghij",
};
const hatch = { [LOCAL_TEST_HATCH.name]: LOCAL_TEST_HATCH.value };

describe("production", () => {
  it.each([
    [undefined, true],
    ["production", true],
    ["staging", true],
    ["development", false],
    ["test", false],
  ])("NODE_ENV=%s → %s", (NODE_ENV, expected) => {
    expect(isProduction({ NODE_ENV })).toBe(expected);
  });

  it("is what both services apply when NODE_ENV is not set", () => {
    const unset = { ...production, NODE_ENV: undefined };
    expect(parseEnv(unset).NODE_ENV).toBe("production");
    expect(() => parseEnv({ ...unset, KEYCLOAK_CLIENT_SECRET: "keydeck-dev-secret" })).toThrow(/KEYCLOAK_CLIENT_SECRET/);
    expect(() => parseApiEnv({ DATABASE_URL: unset.DATABASE_URL })).toThrow(/EMBED_ENCRYPTION_KEY is not set/);
  });
});

describe("the dashboard in production refuses, naming the variable", () => {
  it.each([
    ["KEYCLOAK_CLIENT_SECRET", "keydeck-dev-secret", /KEYCLOAK_CLIENT_SECRET is the development identity provider's secret/],
    ["KEYCLOAK_CLIENT_SECRET", "**********", /KEYCLOAK_CLIENT_SECRET is the placeholder of docs\/keycloak\/realm-keydeck\.json/],
    ["NEXTAUTH_SECRET", "*".repeat(40), /NEXTAUTH_SECRET is the placeholder/],
    ["NEXTAUTH_SECRET", "keydeck-dev-only-secret-do-not-use-in-production", /NEXTAUTH_SECRET is the development default/],
    ["EMBED_ENCRYPTION_KEY", "keydeck-dev-only-embed-key-do-not-use-in-production", /EMBED_ENCRYPTION_KEY is the development default/],
    ["NEXTAUTH_SECRET", "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz", /NEXTAUTH_SECRET is a secret of the test suite/],
    ["KEYCLOAK_CLIENT_SECRET", "e2e-client-secret", /KEYCLOAK_CLIENT_SECRET is a secret of the test suite/],
    ["KEYCLOAK_ISSUER", "http://sso.example.com/realms/keydeck", /KEYCLOAK_ISSUER must be an https:\/\/ URL in production/],
    ["KEYCLOAK_ISSUER", "http://127.0.0.1:8080/realms/keydeck", /KEYCLOAK_ISSUER must be an https:\/\/ URL in production/],
    ["NEXTAUTH_URL", "http://keydeck.example.com", /NEXTAUTH_URL must be an https:\/\/ URL in production/],
  ])("%s = %s", (name, value, message) => {
    expect(() => parseEnv({ ...production, [name]: value })).toThrow(message);
  });

  it("wants a real sender when invitations are emailed", () => {
    const smtp = { ...production, SMTP_URL: "smtp://mail.example.com:587" };
    expect(() => parseEnv(smtp)).toThrow(/EMAIL_FROM must be set to your own sender address/);
    expect(() => parseEnv({ ...smtp, EMAIL_FROM: "Keydeck <no-reply@localhost>" })).toThrow(/EMAIL_FROM must be set/);
    expect(parseEnv({ ...smtp, EMAIL_FROM: "Keydeck <no-reply@acme.dev>" }).EMAIL_FROM).toBe("Keydeck <no-reply@acme.dev>");
    expect(parseEnv(production).SMTP_URL).toBeUndefined();
  });

  it("lists every problem at once", () => {
    expect(() => parseEnv({ ...production, KEYCLOAK_CLIENT_SECRET: "**********", KEYCLOAK_ISSUER: "http://sso.example.com/realms/k" })).toThrow(
      /KEYCLOAK_CLIENT_SECRET[^]*KEYCLOAK_ISSUER/,
    );
  });

  it("leaves development alone", () => {
    expect(parseEnv({ ...e2e, NODE_ENV: "development", KEYCLOAK_CLIENT_SECRET: "keydeck-dev-secret" }).KEYCLOAK_CLIENT_SECRET).toBe("keydeck-dev-secret");
  });
});

describe("the local end-to-end escape hatch", () => {
  it("lets the test suite's configuration start, and only with its exact value", () => {
    expect(() => parseEnv(e2e)).toThrow(/KEYCLOAK_ISSUER must be an https/);
    expect(parseEnv({ ...e2e, ...hatch }).KEYCLOAK_ISSUER).toBe(e2e.KEYCLOAK_ISSUER);
    expect(() => parseEnv({ ...e2e, [LOCAL_TEST_HATCH.name]: "1" })).toThrow(/KEYDECK_LOCAL_TEST_ONLY is set to an unknown value/);
  });

  it("never opens when a URL leaves the machine", () => {
    expect(() => parseEnv({ ...e2e, ...hatch, NEXTAUTH_URL: "https://keydeck.example.com" })).toThrow(/only accepted when NEXTAUTH_URL and KEYCLOAK_ISSUER are on this machine/);
    expect(() => parseEnv({ ...e2e, ...hatch, KEYCLOAK_ISSUER: "http://sso.example.com/realms/keydeck" })).toThrow(/only accepted when/);
  });

  it("never lets the development defaults through", () => {
    expect(() => parseEnv({ ...e2e, ...hatch, KEYCLOAK_CLIENT_SECRET: "keydeck-dev-secret" })).toThrow(/development identity provider's secret/);
  });

  it("opens the API service only when it listens on loopback", () => {
    const api = { NODE_ENV: "production", DATABASE_URL: production.DATABASE_URL, EMBED_ENCRYPTION_KEY: e2e.EMBED_ENCRYPTION_KEY };
    expect(() => parseApiEnv(api)).toThrow(/EMBED_ENCRYPTION_KEY is a secret of the test suite/);
    expect(parseApiEnv({ ...api, ...hatch, API_HOST: "127.0.0.1" }).API_HOST).toBe("127.0.0.1");
    expect(() => parseApiEnv({ ...api, ...hatch })).toThrow(/only accepted when API_HOST is on this machine/);
  });
});
