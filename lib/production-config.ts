// What "production" means, and what production refuses to start with: one
// definition for the dashboard (lib/env.ts → parseEnv) and the /api/v1
// service (parseApiEnv). docs/SECURITY.md, "Production configuration".

type Raw = Record<string, string | undefined>;

/**
 * Production unless the environment says development or test. `next dev`,
 * `npm run dev` and the test runners say so; `next start` sets
 * NODE_ENV=production itself, and `npm run start:api` sets nothing: a
 * server that forgets to say what it is gets the strict rules.
 */
export function isProduction(raw: Raw): boolean {
  return raw.NODE_ENV !== "development" && raw.NODE_ENV !== "test";
}

/**
 * The escape hatch for end-to-end tests of the production build on one
 * machine (playwright.config.ts): it lets an http:// identity provider and the
 * test suite's own secrets through, and only when every URL the server uses
 * is on the loopback interface. It takes one exact value, so "1" or "true"
 * left in an environment file does nothing but stop the server.
 */
export const LOCAL_TEST_HATCH = { name: "KEYDECK_LOCAL_TEST_ONLY", value: "http-identity-provider-on-loopback" } as const;

const PLACEHOLDER = /^\*+$/;

// Secrets the repository ships, by value: whoever has the code has them.
const SHIPPED_SECRETS: Record<string, { source: string; test: boolean }> = {
  "keydeck-dev-secret": { source: "the development identity provider's secret (scripts/dev-idp/config.ts)", test: false },
  "keydeck-dev-only-secret-do-not-use-in-production": { source: "the development default (lib/env.ts)", test: false },
  "keydeck-dev-only-embed-key-do-not-use-in-production": { source: "the development default (lib/env.ts)", test: false },
  "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz": { source: "a secret of the test suite (playwright.config.ts)", test: true },
  "e2e-client-secret": { source: "a secret of the test suite (playwright.config.ts)", test: true },
  "e2e-embed-encryption-key-0123456789abcdefghij": { source: "a secret of the test suite (playwright.config.ts)", test: true },
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const isLoopback = (value: string | undefined) => {
  try {
    return value !== undefined && LOOPBACK.has(new URL(value).hostname);
  } catch {
    return false;
  }
};

function hatchState(raw: Raw, loopbackOnly: boolean, where: string): { open: boolean; problems: string[] } {
  const given = raw[LOCAL_TEST_HATCH.name];
  if (given === undefined || given === "") return { open: false, problems: [] };
  if (given !== LOCAL_TEST_HATCH.value) {
    return { open: false, problems: [`${LOCAL_TEST_HATCH.name} is set to an unknown value: unset it (it is only for local end-to-end tests)`] };
  }
  if (!loopbackOnly) {
    return { open: false, problems: [`${LOCAL_TEST_HATCH.name} is only accepted when ${where} on this machine (localhost, 127.0.0.1 or [::1]); unset it`] };
  }
  return { open: true, problems: [] };
}

function secretProblems(values: Record<string, string | undefined>, hatchOpen: boolean): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (PLACEHOLDER.test(value)) {
      problems.push(`${name} is the placeholder of docs/keycloak/realm-keydeck.json (**********): use the real secret (Keycloak → Clients → Credentials, or \`openssl rand -base64 32\`)`);
      continue;
    }
    const shipped = SHIPPED_SECRETS[value];
    if (shipped && !(shipped.test && hatchOpen)) {
      problems.push(`${name} is ${shipped.source}, which is public and must not be used in production: generate one with \`openssl rand -base64 32\``);
    }
  }
  return problems;
}

/** What a production dashboard refuses, each problem naming its variable; empty outside production. */
export function dashboardProductionProblems(
  raw: Raw,
  config: {
    NEXTAUTH_URL: string;
    NEXTAUTH_SECRET: string;
    KEYCLOAK_ISSUER: string;
    KEYCLOAK_CLIENT_SECRET: string;
    EMBED_ENCRYPTION_KEY: string;
    SMTP_URL?: string;
    EMAIL_FROM?: string;
  },
): string[] {
  if (!isProduction(raw)) return [];
  const local = isLoopback(config.NEXTAUTH_URL) && isLoopback(config.KEYCLOAK_ISSUER);
  const hatch = hatchState(raw, local, "NEXTAUTH_URL and KEYCLOAK_ISSUER are");
  const problems = [
    ...hatch.problems,
    ...secretProblems(
      {
        NEXTAUTH_SECRET: config.NEXTAUTH_SECRET,
        KEYCLOAK_CLIENT_SECRET: config.KEYCLOAK_CLIENT_SECRET,
        EMBED_ENCRYPTION_KEY: config.EMBED_ENCRYPTION_KEY,
      },
      hatch.open,
    ),
  ];
  // Production cookies are Secure (lib/auth/cookies.ts), which browsers keep
  // only from HTTPS or the local machine: anything else could never sign in.
  if (new URL(config.NEXTAUTH_URL).protocol !== "https:" && !isLoopback(config.NEXTAUTH_URL)) {
    problems.push("NEXTAUTH_URL must be an https:// URL in production (plain http only for localhost)");
  }
  // Tokens, the client secret and the user's identity travel to and from the
  // issuer: never in clear text, except to a test provider on this machine.
  if (new URL(config.KEYCLOAK_ISSUER).protocol !== "https:" && !hatch.open) {
    problems.push(`KEYCLOAK_ISSUER must be an https:// URL in production, like https://<keycloak-host>/realms/<realm>`);
  }
  // Invitations would go out from an address no mail server accepts, or that
  // recipients' filters drop: the sender has to be the company's own.
  if (config.SMTP_URL && (!raw.EMAIL_FROM || /@localhost>?$/i.test(config.EMAIL_FROM ?? ""))) {
    problems.push("EMAIL_FROM must be set to your own sender address (like Keydeck <no-reply@example.com>) when SMTP_URL is set");
  }
  return problems;
}

/** What a production /api/v1 service refuses; empty outside production. */
export function apiProductionProblems(raw: Raw, config: { API_HOST: string; EMBED_ENCRYPTION_KEY: string }): string[] {
  if (!isProduction(raw)) return [];
  const local = isLoopback(`http://${config.API_HOST.includes(":") ? `[${config.API_HOST}]` : config.API_HOST}`);
  const hatch = hatchState(raw, local, "API_HOST is");
  return [...hatch.problems, ...secretProblems({ EMBED_ENCRYPTION_KEY: config.EMBED_ENCRYPTION_KEY }, hatch.open)];
}
