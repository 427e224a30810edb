import "server-only";
import { readFile } from "node:fs/promises";
import { z } from "zod";

// GitHub signs each secret-scanning request with one of the keys it
// publishes (https://api.github.com/meta/public_keys/secret_scanning):
// {public_keys: [{key_identifier, key (PEM), is_current}]}. The document is
// cached; an unknown key identifier (GitHub rotated its key) fetches it again,
// but at most once per MIN_REFETCH_MS, so requests naming made-up ids cannot
// turn this service into a flood against GitHub (whose unauthenticated limit
// is 60 requests an hour). An operator without internet access, or a test,
// points SECRET_SCANNING_KEYS_FILE at a file of the same format instead.

const keyDocument = z.object({
  public_keys: z.array(z.object({ key_identifier: z.string().min(1), key: z.string().min(1), is_current: z.boolean().optional() })),
});

/** At most one refetch in this time, however many unknown ids arrive. */
export const MIN_REFETCH_MS = 60_000;
/** Even without an unknown id, a document older than this is fetched again (a revoked key drops out). */
const MAX_AGE_MS = 24 * 60 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;

export type KeySource = { url: string } | { file: string };

export class KeysUnavailable extends Error {}

export class GithubPublicKeys {
  private keys: Map<string, string> | null = null;
  private fetchedAt = 0;
  private lastAttemptAt = -Infinity;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly source: KeySource,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The PEM of `keyId`, or null when GitHub does not publish it (after one refetch, when allowed). */
  async find(keyId: string): Promise<string | null> {
    const now = this.clock();
    if (!this.keys || now - this.fetchedAt > MAX_AGE_MS) await this.refresh(true);
    const known = this.keys?.get(keyId);
    if (known) return known;
    if (now - this.lastAttemptAt >= MIN_REFETCH_MS) await this.refresh(false);
    return this.keys?.get(keyId) ?? null;
  }

  private async refresh(required: boolean): Promise<void> {
    this.pending ??= this.load().finally(() => {
      this.pending = null;
    });
    try {
      await this.pending;
    } catch (error) {
      // With a document already known, a failed refetch keeps it; with none, nothing can be verified.
      if (required && !this.keys) throw new KeysUnavailable(error instanceof Error ? error.message : String(error));
    }
  }

  private async load(): Promise<void> {
    this.lastAttemptAt = this.clock();
    const source = this.source;
    const text =
      "file" in source
        ? await readFile(source.file, "utf8")
        : await fetch(source.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json" } }).then((response) => {
            if (!response.ok) throw new Error(`${source.url} answered ${response.status}`);
            return response.text();
          });
    const document = keyDocument.parse(JSON.parse(text));
    this.keys = new Map(document.public_keys.map((entry) => [entry.key_identifier, entry.key]));
    this.fetchedAt = this.clock();
  }
}
