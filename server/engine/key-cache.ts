import "server-only";
import type { KeyRecord } from "./types";

type Entry = { record: KeyRecord; loadedAt: number; recent: boolean };

/**
 * The in-process cache of key records by digest. Bounded, approximately LRU
 * ("second chance": a hit only sets a flag, so the hot path does no Map
 * reordering), with a TTL as a safety net for a change that reached the
 * database without an invalidation row (an operator's manual UPDATE).
 * Invalidations find entries by key id and project id.
 */
export class KeyCache {
  private readonly byDigest = new Map<string, Entry>();
  private readonly digestByKeyId = new Map<string, string>();
  private readonly digestsByProject = new Map<string, Set<string>>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get size(): number {
    return this.byDigest.size;
  }

  /** The record, unless it is older than the TTL (it stays, for `peek`, until replaced or evicted). */
  get(digest: string, now: number): KeyRecord | undefined {
    const entry = this.byDigest.get(digest);
    if (entry === undefined || now - entry.loadedAt > this.ttlMs) return undefined;
    entry.recent = true;
    return entry.record;
  }

  /** The record whatever its age: for when the database cannot be asked (an outage grace). */
  peek(digest: string): KeyRecord | undefined {
    return this.byDigest.get(digest)?.record;
  }

  set(record: KeyRecord, now: number): void {
    if (this.byDigest.has(record.digest)) this.delete(record.digest);
    else if (this.byDigest.size >= this.maxEntries) this.evictOne();
    this.byDigest.set(record.digest, { record, loadedAt: now, recent: false });
    this.digestByKeyId.set(record.id, record.digest);
    let digests = this.digestsByProject.get(record.projectId);
    if (!digests) this.digestsByProject.set(record.projectId, (digests = new Set()));
    digests.add(record.digest);
  }

  deleteKey(keyId: string): void {
    const digest = this.digestByKeyId.get(keyId);
    if (digest !== undefined) this.delete(digest);
  }

  deleteProject(projectId: string): void {
    for (const digest of [...(this.digestsByProject.get(projectId) ?? [])]) this.delete(digest);
  }

  clear(): void {
    this.byDigest.clear();
    this.digestByKeyId.clear();
    this.digestsByProject.clear();
  }

  private delete(digest: string): void {
    const entry = this.byDigest.get(digest);
    if (!entry) return;
    this.byDigest.delete(digest);
    const { id, projectId } = entry.record;
    if (this.digestByKeyId.get(id) === digest) this.digestByKeyId.delete(id);
    const digests = this.digestsByProject.get(projectId);
    digests?.delete(digest);
    if (digests?.size === 0) this.digestsByProject.delete(projectId);
  }

  /** Oldest first; an entry hit since it was last looked at gets a second chance at the back. */
  private evictOne(): void {
    for (const [digest, entry] of this.byDigest) {
      if (!entry.recent) return this.delete(digest);
      entry.recent = false;
      this.byDigest.delete(digest);
      this.byDigest.set(digest, entry);
    }
  }
}

/**
 * Digests that matched no key, so that a flood of one unknown key costs the
 * database one lookup per TTL. Safe to keep while the database is away: a
 * key's plaintext exists only once its row does (the dashboard and the
 * sandbox return it after the insert commits), so "unknown" cannot become
 * "valid" for a key someone already holds, and key creation has no
 * invalidation to clear an entry with. A row can still appear for a digest
 * that was asked for (an operator restoring deleted keys from a backup):
 * the short TTL (NEGATIVE_CACHE_TTL_MS, 10 s) bounds how long such a key
 * stays refused. Bounded: the oldest go first.
 */
export class NegativeCache {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  has(digest: string, now: number): boolean {
    const expiry = this.expiries.get(digest);
    if (expiry === undefined) return false;
    if (expiry > now) return true;
    this.expiries.delete(digest);
    return false;
  }

  add(digest: string, now: number): void {
    this.expiries.delete(digest);
    if (this.expiries.size >= this.maxEntries) {
      const oldest = this.expiries.keys().next();
      if (!oldest.done) this.expiries.delete(oldest.value);
    }
    this.expiries.set(digest, now + this.ttlMs);
  }

  get size(): number {
    return this.expiries.size;
  }
}
