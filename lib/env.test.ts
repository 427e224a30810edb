import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://keydeck@db.internal/keydeck",
  NEXTAUTH_URL: "https://keydeck.example.com",
  NEXTAUTH_SECRET: "x".repeat(40),
  KEYCLOAK_ISSUER: "https://sso.example.com/realms/keydeck",
  KEYCLOAK_CLIENT_ID: "keydeck-dashboard",
  KEYCLOAK_CLIENT_SECRET: "s3cret",
};

describe("parseEnv", () => {
  it("fills development defaults for the embedded identity provider", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://localhost/dev" });
    expect(env.KEYCLOAK_ISSUER).toBe("http://127.0.0.1:8080/realms/keydeck");
    expect(env.KEY_PREFIX).toBe("kd");
  });

  it("accepts a complete production configuration", () => {
    expect(parseEnv(production).NEXTAUTH_URL).toBe("https://keydeck.example.com");
  });

  it.each(["NEXTAUTH_SECRET", "KEYCLOAK_ISSUER", "KEYCLOAK_CLIENT_ID", "KEYCLOAK_CLIENT_SECRET", "NEXTAUTH_URL"])(
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
    const devSecret = parseEnv({ DATABASE_URL: "postgresql://x/y" }).NEXTAUTH_SECRET;
    expect(() => parseEnv({ ...production, NEXTAUTH_SECRET: devSecret })).toThrow(/development default/);
  });

  it("refuses an invalid key prefix", () => {
    expect(() => parseEnv({ ...production, KEY_PREFIX: "KD" })).toThrow(/KEY_PREFIX/);
  });
});
