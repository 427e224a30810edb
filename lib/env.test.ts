import { describe, expect, it } from "vitest";
import { productionEnvFixture } from "./env.fixtures";
import { ConfigError, parseApiEnv, parseEnv } from "./env";

const production = productionEnvFixture;

describe("parseEnv", () => {
  it("fills development defaults for the embedded identity provider", () => {
    const env = parseEnv({ NODE_ENV: "development", DATABASE_URL: "postgresql://localhost/dev" });
    expect(env.KEYCLOAK_ISSUER).toBe("http://127.0.0.1:8080/realms/keydeck");
    expect(env.KEY_PREFIX).toBe("kd");
  });

  it("accepts a complete production configuration", () => {
    expect(parseEnv(production).NEXTAUTH_URL).toBe("https://keydeck.example.com");
  });

  it.each(["NEXTAUTH_SECRET", "KEYCLOAK_ISSUER", "KEYCLOAK_CLIENT_ID", "KEYCLOAK_CLIENT_SECRET", "NEXTAUTH_URL", "EMBED_ENCRYPTION_KEY"])(
    "refuses production without %s, naming it",
    (name) => {
      const error = (() => {
        try {
          parseEnv({ ...production, [name]: undefined });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain(`${name} is not set`);
    },
  );

  it("treats an empty variable as unset", () => {
    expect(() => parseEnv({ ...production, NEXTAUTH_SECRET: "" })).toThrow(/NEXTAUTH_SECRET is not set/);
  });

  it("refuses the development secret in production", () => {
    const devSecret = parseEnv({ NODE_ENV: "development", DATABASE_URL: "postgresql://x/y" }).NEXTAUTH_SECRET;
    expect(() => parseEnv({ ...production, NEXTAUTH_SECRET: devSecret })).toThrow(/development default/);
  });

  it("refuses the development embed encryption key in production, on both sides", () => {
    const devKey = parseEnv({ NODE_ENV: "development", DATABASE_URL: "postgresql://x/y" }).EMBED_ENCRYPTION_KEY;
    expect(parseApiEnv({ NODE_ENV: "development", DATABASE_URL: "postgresql://x/y" }).EMBED_ENCRYPTION_KEY).toBe(devKey);
    expect(() => parseEnv({ ...production, EMBED_ENCRYPTION_KEY: devKey })).toThrow(/EMBED_ENCRYPTION_KEY is the development default/);
    expect(() => parseApiEnv({ NODE_ENV: "production", DATABASE_URL: "postgresql://x/y", EMBED_ENCRYPTION_KEY: devKey })).toThrow(/development default/);
  });

  it("refuses plain http in production, except on the local machine", () => {
    expect(() => parseEnv({ ...production, NEXTAUTH_URL: "http://keydeck.example.com" })).toThrow(/https:\/\/ URL in production/);
    expect(parseEnv({ ...production, NEXTAUTH_URL: "http://localhost:3100" }).NEXTAUTH_URL).toBe("http://localhost:3100");
  });

  it("refuses an invalid key prefix", () => {
    expect(() => parseEnv({ ...production, KEY_PREFIX: "KD" })).toThrow(/KEY_PREFIX/);
  });

  it("sends no email unless SMTP_URL is set, and accepts only smtp:// or smtps:// without a query", () => {
    const base = { NODE_ENV: "development", DATABASE_URL: "postgresql://x/y" };
    expect(parseEnv(base).SMTP_URL).toBeUndefined();
    expect(parseEnv({ ...base, SMTP_URL: "" }).SMTP_URL).toBeUndefined();
    expect(parseEnv({ ...base, SMTP_URL: "smtp://user:pass@mail.example.com:587" }).SMTP_URL).toBe("smtp://user:pass@mail.example.com:587");
    expect(parseEnv({ ...production, SMTP_URL: "smtps://mail.example.com", EMAIL_FROM: "Keydeck <no-reply@example.com>" }).SMTP_URL).toBe("smtps://mail.example.com");
    expect(() => parseEnv({ ...base, SMTP_URL: "mail.example.com" })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parseEnv({ ...base, SMTP_URL: "https://mail.example.com" })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parseEnv({ ...base, SMTP_URL: "smtp://mail.example.com?secure=true" })).toThrow(/SMTP_URL must not have query parameters/);
  });

  it("never echoes SMTP_URL's password in an error", () => {
    const error = (() => {
      try {
        parseEnv({ NODE_ENV: "development", DATABASE_URL: "postgresql://x/y", SMTP_URL: "http://user:hunter2@mail.example.com" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/SMTP_URL/);
    expect(error?.message).not.toContain("hunter2");
  });

  it("sends from Keydeck <no-reply@localhost> by default and refuses a blank EMAIL_FROM", () => {
    const base = { NODE_ENV: "development", DATABASE_URL: "postgresql://x/y" };
    expect(parseEnv(base).EMAIL_FROM).toBe("Keydeck <no-reply@localhost>");
    expect(parseEnv({ ...base, EMAIL_FROM: "Acme Keys <keys@acme.example>" }).EMAIL_FROM).toBe("Acme Keys <keys@acme.example>");
    expect(() => parseEnv({ ...base, EMAIL_FROM: "   " })).toThrow(/EMAIL_FROM is empty/);
  });
});

describe("parseApiEnv", () => {
  it("needs only the database and the embed encryption key for the /api/v1 service in production", () => {
    const base = { NODE_ENV: "production", DATABASE_URL: "postgresql://keydeck@db.internal/keydeck" };
    expect(() => parseApiEnv(base)).toThrow(/EMBED_ENCRYPTION_KEY is not set/);
    const env = parseApiEnv({ ...base, EMBED_ENCRYPTION_KEY: "e".repeat(40) });
    expect(env).toMatchObject({
      API_PORT: 4000,
      TRUST_PROXY: 0,
      METERING_FLUSH_MS: 1000,
      INVALIDATION_POLL_MS: 500,
      CACHE_LEASE_MS: 2000,
      INVALIDATION_LISTEN: "on",
      KEY_PREFIX: "kd",
    });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it.each([
    ["the /api/v1 service", parseApiEnv],
    ["the dashboard", parseEnv],
  ])("reads TRUST_PROXY as a hop count, true meaning one, for %s", (_, parse) => {
    const base = { NODE_ENV: "development", DATABASE_URL: "postgresql://x/y" };
    expect(parse(base).TRUST_PROXY).toBe(0);
    expect(parse({ ...base, TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parse({ ...base, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parse({ ...base, TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(() => parse({ ...base, TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
    expect(() => parse({ ...base, TRUST_PROXY: "11" })).toThrow(/TRUST_PROXY must be at most 10/);
  });

  it("refuses a flush slower than once a second, a lease shorter than three polls, and a non-Redis REDIS_URL", () => {
    const base = { NODE_ENV: "development", DATABASE_URL: "postgresql://x/y" };
    expect(() => parseApiEnv({ ...base, METERING_FLUSH_MS: "5000" })).toThrow(/METERING_FLUSH_MS must be at most 1000/);
    expect(() => parseApiEnv({ ...base, INVALIDATION_POLL_MS: "1000", CACHE_LEASE_MS: "2000" })).toThrow(/CACHE_LEASE_MS/);
    expect(() => parseApiEnv({ ...base, REDIS_URL: "http://cache:6379" })).toThrow(/REDIS_URL/);
    expect(parseApiEnv({ ...base, REDIS_URL: "redis://cache:6379" }).REDIS_URL).toBe("redis://cache:6379");
  });

  it("points the dashboard at the API service on port 4000 by default", () => {
    expect(parseEnv({ NODE_ENV: "development", DATABASE_URL: "postgresql://x/y" }).API_BASE_URL).toBe("http://localhost:4000");
  });
});
