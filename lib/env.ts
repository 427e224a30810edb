import "server-only";
import { z } from "zod";
import { apiProductionProblems, dashboardProductionProblems, isProduction } from "./production-config";

// All configuration is read and validated here, once. The rest of the code
// imports typed values from `env()` and never reads process.env itself.

const DEV_DEFAULTS = {
  NEXTAUTH_URL: "http://localhost:3000",
  NEXTAUTH_SECRET: "keydeck-dev-only-secret-do-not-use-in-production",
  KEYCLOAK_ISSUER: "http://127.0.0.1:8080/realms/keydeck",
  KEYCLOAK_CLIENT_ID: "keydeck-dashboard",
  KEYCLOAK_CLIENT_SECRET: "keydeck-dev-secret",
  EMBED_ENCRYPTION_KEY: "keydeck-dev-only-embed-key-do-not-use-in-production",
} as const;

const missing = (name: string, hint: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `${name} is not set: ${hint}` : undefined;

const url = (name: string, example: string) =>
  z.url({
    error: (issue) => missing(name, `set it to ${example}`)(issue) ?? `${name} must be an absolute URL, like ${example}`,
  });

const required = (name: string, hint: string) =>
  z.string({ error: missing(name, hint) }).min(1, { error: `${name} is empty: ${hint}` });

const integer = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: `${name} must be at least ${min}` })
    .max(max, { error: `${name} must be at most ${max}` });

// What the dashboard and the /api/v1 service both read.
const shared = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: required("DATABASE_URL", "point it at PostgreSQL (or run `npm run dev`, which starts an embedded one)")
    .regex(/^postgres(ql)?:\/\//, { error: "DATABASE_URL must be a postgresql:// connection string" }),
  KEY_PREFIX: z
    .string()
    .regex(/^[a-z]{2,8}$/, { error: "KEY_PREFIX must be 2 to 8 lowercase letters" })
    .default("kd"),
  // Seals embed signing secrets at rest (the dashboard seals, the service opens).
  EMBED_ENCRYPTION_KEY: required("EMBED_ENCRYPTION_KEY", "generate one with `openssl rand -base64 32`").min(32, {
    error: "EMBED_ENCRYPTION_KEY must be at least 32 characters (generate one with `openssl rand -base64 32`)",
  }),
  // How many reverse proxies in front append to X-Forwarded-For (lib/http/client-ip.ts);
  // 0 (the default) ignores the header: the service uses the socket address,
  // the dashboard's activity log records none.
  TRUST_PROXY: z.preprocess((v) => (v === "true" ? 1 : v === "false" ? 0 : v), integer("TRUST_PROXY", 0, 10).default(0)),
  // 1: webhook endpoints may be http:// and local or private addresses
  // (development and tests, where the receiver runs on this machine). Unset,
  // only https:// URLs that resolve to public addresses (lib/webhooks).
  WEBHOOK_ALLOW_PRIVATE: z.enum(["0", "1"], { error: "WEBHOOK_ALLOW_PRIVATE must be 0 or 1" }).default("0").transform((v) => v === "1"),
};

const schema = z.object({
  ...shared,
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
  // Where the dashboard's pages send people for the /api/v1 service (its own process).
  API_BASE_URL: url("API_BASE_URL", "https://api.example.com").default("http://localhost:4000"),
  // Invitation links are also emailed when this is set; unset, the inviter only copies the link.
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL, like smtp://user:pass@mail.example.com:587" })
    // lib/email/transport.ts reads host, port and credentials only: an option in the query would be ignored.
    .refine((v) => !v.includes("?"), { error: "SMTP_URL must not have query parameters" })
    .optional(),
  EMAIL_FROM: z
    .string()
    .trim()
    .min(1, { error: "EMAIL_FROM is empty: set it to a sender like Keydeck <no-reply@example.com>" })
    .default("Keydeck <no-reply@localhost>"),
});

export type Env = z.infer<typeof schema>;

// The lookup flood (server/engine/failure-budget.ts): lookups that find no key (401)
// cost the client address a unit of a token bucket; an empty bucket gets 429
// without a lookup. An unknown digest is answered from memory for a short
// while: short, so that a row that appears for it later is found soon.
export const AUTH_FAILURE_DEFAULTS = {
  budget: { burst: 100, perSecond: 10, maxClients: 100_000 },
  negativeCacheTtlMs: 10_000,
} as const;
const authFailureSettings = {
  AUTH_FAILURE_BURST: integer("AUTH_FAILURE_BURST", 1, 1_000_000).default(AUTH_FAILURE_DEFAULTS.budget.burst),
  AUTH_FAILURES_PER_SECOND: integer("AUTH_FAILURES_PER_SECOND", 1, 1_000_000).default(AUTH_FAILURE_DEFAULTS.budget.perSecond),
  AUTH_FAILURE_CLIENTS: integer("AUTH_FAILURE_CLIENTS", 100, 10_000_000).default(AUTH_FAILURE_DEFAULTS.budget.maxClients),
  NEGATIVE_CACHE_TTL_MS: integer("NEGATIVE_CACHE_TTL_MS", 100, 600_000).default(AUTH_FAILURE_DEFAULTS.negativeCacheTtlMs),
};

// The /api/v1 service (server/main.ts) needs no dashboard secrets: it has a
// schema of its own, so it starts in production without Keycloak settings.
const apiSchema = z
  .object({
    ...shared,
    API_HOST: z.string().min(1).default("0.0.0.0"),
    API_PORT: integer("API_PORT", 0, 65535).default(4000),
    // The service's own pg pool (lookups, flushes, polls); the listener is one more connection.
    API_DATABASE_POOL_SIZE: integer("API_DATABASE_POOL_SIZE", 1, 100).default(10),
    API_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Shared rate-limit counters for several instances; in memory when unset.
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, { error: "REDIS_URL must be a redis:// or rediss:// URL" })
      .optional(),
    // Usage is written in batches at least this often (the issue asks for ≥ once a second).
    METERING_FLUSH_MS: integer("METERING_FLUSH_MS", 50, 1000).default(1000),
    // How often each instance reads new invalidations and renews its heartbeat.
    INVALIDATION_POLL_MS: integer("INVALIDATION_POLL_MS", 20, 5000).default(500),
    // How long a confirmed poll lets the instance trust its key cache.
    CACHE_LEASE_MS: integer("CACHE_LEASE_MS", 100, 60_000).default(2000),
    // How much longer than the lease an instance cut off from PostgreSQL keeps
    // answering from its cache (known keys only); writers wait lease + grace
    // for an instance that went silent. 0: fail closed as soon as the lease ends.
    CACHE_OUTAGE_GRACE_MS: integer("CACHE_OUTAGE_GRACE_MS", 0, 300_000).default(30_000),
    // LISTEN for invalidations (instant); off where NOTIFY cannot arrive (PgBouncer in transaction mode).
    INVALIDATION_LISTEN: z.enum(["on", "off"]).default("on"),
    KEY_CACHE_SIZE: integer("KEY_CACHE_SIZE", 100, 10_000_000).default(200_000),
    NEGATIVE_CACHE_SIZE: integer("NEGATIVE_CACHE_SIZE", 100, 10_000_000).default(100_000),
    ...authFailureSettings,
    // The webhook worker (server/webhooks) runs inside each API instance unless off
    // (then run `npm run worker` somewhere: deliveries wait in PostgreSQL meanwhile).
    WEBHOOK_WORKER: z.enum(["on", "off"]).default("on"),
    // The first retry's delay; each next one doubles (with jitter), for 3 days.
    WEBHOOK_RETRY_BASE_MS: integer("WEBHOOK_RETRY_BASE_MS", 10, 3_600_000).default(10_000),
    // How often an idle worker looks for due retries (new jobs arrive at once by NOTIFY).
    WEBHOOK_POLL_MS: integer("WEBHOOK_POLL_MS", 50, 60_000).default(1000),
    // Secret scanning (issue 19, docs/SECURITY.md): GitHub's public-key document, or a
    // file of the same format (takes precedence), and the operator's scanners' HMAC secret.
    SECRET_SCANNING_KEYS_URL: z.url({ error: "SECRET_SCANNING_KEYS_URL must be an absolute URL, like https://api.github.com/meta/public_keys/secret_scanning" }).optional(),
    SECRET_SCANNING_KEYS_FILE: z.string().min(1).optional(),
    SECRET_SCANNING_HMAC_SECRET: z
      .string()
      .min(32, { error: "SECRET_SCANNING_HMAC_SECRET must be at least 32 characters (generate one with `openssl rand -base64 32`)" })
      .optional(),
  })
  .refine((v) => v.CACHE_LEASE_MS >= 3 * v.INVALIDATION_POLL_MS, {
    error: "CACHE_LEASE_MS must be at least 3 × INVALIDATION_POLL_MS, so that one slow poll does not empty the cache",
  });

export type ApiEnv = z.infer<typeof apiSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Keydeck cannot start: invalid configuration\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

// An empty variable is treated as unset: `FOO= npm start` would otherwise
// override a default with "" and fail far from here.
function withoutEmpty(raw: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
}

/** Parses a raw environment. Exported for tests; the app uses `env()`. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const cleaned = withoutEmpty(raw);
  // One definition of production for both services: lib/production-config.ts.
  const production = isProduction(cleaned);
  // Development gets working defaults for the embedded identity provider;
  // production must say where its Keycloak and secret are.
  const input = production ? { ...cleaned, NODE_ENV: "production" } : { ...DEV_DEFAULTS, ...cleaned };
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => i.message));
  }
  const problems = dashboardProductionProblems(cleaned, result.data);
  if (problems.length) throw new ConfigError(problems);
  return result.data;
}

/** Parses the /api/v1 service's environment. Exported for tests; the service uses `apiEnv()`. */
export function parseApiEnv(raw: Record<string, string | undefined>): ApiEnv {
  const cleaned = withoutEmpty(raw);
  const production = isProduction(cleaned);
  const input = production ? { ...cleaned, NODE_ENV: "production" } : { EMBED_ENCRYPTION_KEY: DEV_DEFAULTS.EMBED_ENCRYPTION_KEY, ...cleaned };
  const result = apiSchema.safeParse(input);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => i.message));
  const problems = apiProductionProblems(cleaned, result.data);
  if (problems.length) throw new ConfigError(problems);
  return result.data;
}

let cachedApi: ApiEnv | undefined;

export function apiEnv(): ApiEnv {
  cachedApi ??= parseApiEnv(process.env);
  return cachedApi;
}

/** For a command's entry point: the API environment, or its problems printed and exit 1. */
export function apiEnvOrExit(): ApiEnv {
  try {
    return apiEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
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
