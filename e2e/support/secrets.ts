import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { query } from "./db";

// Every secret the run shows a user once (API keys; signing secrets of the
// embeddable page) is written to a ledger as it is created. Specs check at
// once that a secret is not stored or logged; e2e/security/secret-scan.spec.ts
// runs after all other specs and searches everything for every secret.

const LEDGER = path.join(".data", "e2e", "secrets.jsonl");

export type Secret = {
  /** What it is, for the failure message (the value is never printed). */
  kind: string;
  value: string;
  /** Dashboard paths (as the setup user alice) where it must not appear. */
  pages?: string[];
};

/** Forgets the previous run's secrets (global setup). */
export function resetSecretLedger() {
  rmSync(LEDGER, { force: true });
}

export function rememberSecret(secret: Secret) {
  mkdirSync(path.dirname(LEDGER), { recursive: true });
  appendFileSync(LEDGER, `${JSON.stringify(secret)}\n`);
}

export function rememberedSecrets(): Secret[] {
  if (!existsSync(LEDGER)) return [];
  return readFileSync(LEDGER, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Secret);
}

/** The servers' logs (playwright.config.ts sends each to a file). */
export const SERVER_LOGS = ["app-server.log", "api-server.log", "api-server-2.log"].map((file) => path.join(".data", "e2e", file));

/** The build output a key must never reach: .next (client and server bundles, caches) and the API bundle. */
export function buildOutputFiles(): string[] {
  return ["dist/api", ".next"].flatMap((root) => (existsSync(root) ? filesUnder(root) : []));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}

/** Every row of every table, as text. */
export async function wholeDatabaseText(): Promise<string> {
  const tables = await query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public'`);
  const dumps = await Promise.all(
    tables.map(({ tablename }) => query<{ row: string }>(`select row_to_json(t)::text as row from "${tablename}" t`)),
  );
  return dumps.flat().map((r) => r.row).join("\n");
}

export type Place = { name: string; text: string } | { name: string; file: string };

/** Where each secret was found, as "kind in place" lines; the secret itself is not repeated. */
export function findSecrets(secrets: Secret[], places: Place[]): string[] {
  const found: string[] = [];
  for (const place of places) {
    const text = "text" in place ? place.text : readIfSmall(place.file);
    if (!text) continue;
    for (const secret of secrets) {
      if (text.includes(secret.value)) found.push(`${secret.kind} (${secret.value.slice(0, 8)}…) in ${place.name}`);
    }
  }
  return found;
}

// Files over 50 MB are build caches of the bundler, not output; none is expected.
function readIfSmall(file: string): string | null {
  if (!existsSync(file)) return null;
  if (statSync(file).size > 50 * 1024 * 1024) throw new Error(`${file} is too large to scan`);
  return readFileSync(file, "latin1");
}

/** Asserts that a freshly created secret is in neither the database nor the server logs. */
export async function expectNotStoredOrLogged(secret: Secret) {
  const places: Place[] = [
    { name: "the database", text: await wholeDatabaseText() },
    ...SERVER_LOGS.map((file) => ({ name: file, file })),
  ];
  expect(findSecrets([secret], places)).toEqual([]);
}

/**
 * A signing secret's reveal dialog, used as a person would: Copy puts the
 * secret on the clipboard, Escape does not close the dialog, and Done closes
 * it only after the "I have copied" confirmation.
 */
export async function copyAndConfirmReveal(page: Page, reveal: Locator, secret: string) {
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible();
  await reveal.getByLabel("I have copied this secret and stored it safely.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
}
