import { z } from "zod";

// All configuration is read and validated here, once. The rest of the code
// imports typed values from `env()` and never reads process.env itself.

const DEV_DEFAULTS = {
  NEXTAUTH_URL: "http://localhost:3000",
  NEXTAUTH_SECRET: "keydeck-dev-only-secret-do-not-use-in-production",
  KEYCLOAK_ISSUER: "http://127.0.0.1:8080/realms/keydeck",
  KEYCLOAK_CLIENT_ID: "keydeck-dashboard",
  KEYCLOAK_CLIENT_SECRET: "keydeck-dev-secret",
} as const;

const missing = (name: string, hint: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `${name} is not set: ${hint}` : undefined;

const url = (name: string, example: string) =>
  z.url({
    error: (issue) => missing(name, `set it to ${example}`)(issue) ?? `${name} must be an absolute URL, like ${example}`,
  });

const required = (name: string, hint: string) =>
  z.string({ error: missing(name, hint) }).min(1, { error: `${name} is empty: ${hint}` });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: required("DATABASE_URL", "point it at PostgreSQL (or run `npm run dev`, which starts an embedded one)")
    .regex(/^postgres(ql)?:\/\//, { error: "DATABASE_URL must be a postgresql:// connection string" }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  NEXTAUTH_URL: url("NEXTAUTH_URL", "https://keydeck.example.com (the dashboard's public URL)"),
  NEXTAUTH_SECRET: required("NEXTAUTH_SECRET", "generate one with `openssl rand -base64 32`").min(32, {
    error: "NEXTAUTH_SECRET must be at least 32 characters (generate one with `openssl rand -base64 32`)",
  }),
  KEYCLOAK_ISSUER: url("KEYCLOAK_ISSUER", "https://<keycloak-host>/realms/<realm>").refine((v) => !v.endsWith("/"), {
    error: "KEYCLOAK_ISSUER must not end with a slash: use https://<host>/realms/<realm>",
  }),
  KEYCLOAK_CLIENT_ID: required("KEYCLOAK_CLIENT_ID", "the client id of the dashboard in your Keycloak realm"),
  KEYCLOAK_CLIENT_SECRET: required("KEYCLOAK_CLIENT_SECRET", "the client secret from Keycloak (Clients → Credentials)"),
  KEY_PREFIX: z
    .string()
    .regex(/^[a-z]{2,8}$/, { error: "KEY_PREFIX must be 2 to 8 lowercase letters" })
    .default("kd"),
  API_BASE_URL: url("API_BASE_URL", "https://api.example.com").optional(),
});

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Keydeck cannot start: invalid configuration\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses a raw environment. Exported for tests; the app uses `env()`. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  // An empty variable is treated as unset: `FOO= npm start` would otherwise
  // override a default with "" and fail far from here.
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const production = cleaned.NODE_ENV === "production";
  // Development gets working defaults for the embedded identity provider;
  // production must say where its Keycloak and secret are.
  const input = production ? cleaned : { ...DEV_DEFAULTS, ...cleaned };
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => i.message));
  }
  if (production && result.data.NEXTAUTH_SECRET === DEV_DEFAULTS.NEXTAUTH_SECRET) {
    throw new ConfigError(["NEXTAUTH_SECRET is the development default, which must not be used in production"]);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    cached = parseEnv(process.env);
    // next-auth reads these two from process.env itself; keep it in step with
    // the validated (possibly defaulted) values.
    process.env.NEXTAUTH_URL = cached.NEXTAUTH_URL;
    process.env.NEXTAUTH_SECRET = cached.NEXTAUTH_SECRET;
  }
  return cached;
}
