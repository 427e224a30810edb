/** A client's address as the service counts it; read only when a key is not in the cache. */
export type ClientAddress = () => string;

export type FailureBudgetOptions = {
  /** Lookups that find no key a client may make at once (the bucket's size). */
  burst: number;
  /** Such lookups a client earns back per second. */
  perSecond: number;
  /** Clients remembered at once; the one quiet longest is forgotten first. */
  maxClients: number;
};

/** A client's bucket while it has recent failures; `pending` counts its lookups in flight. */
export type Bucket = { tokens: number; at: number; pending: number };

/**
 * What a lookup that finds no key (a made-up or mistyped one: 401) costs
 * its client: the checksum is public, so anyone can make endless well-formed
 * unknown keys, each a database lookup. A token bucket per client address,
 * checked before the lookup (empty: 429, no lookup) and charged when the
 * lookup finds no key.
 *
 * A client with no recent failure has no bucket and is not limited at all:
 * valid keys, however many, however new and however concurrent (a cold
 * cache after a restart), never meet the budget. Once a client has a bucket,
 * each of its lookups in flight holds a unit until it ends, so concurrent
 * misses cannot run ahead of the budget; only the misses a client sends
 * before its first failure is known can (at a healthy database, its rate
 * times a few milliseconds), and they are charged as debt.
 *
 * Bounded: a bucket that has refilled is dropped, and at most `maxClients`
 * are kept, in order of last failure; a full map forgets the client quiet
 * longest, whose bucket has had the longest to refill, so forgetting it
 * loses the least. Limits are per instance (each has its own buckets).
 */
export class FailureBudget {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: FailureBudgetOptions) {}

  get size(): number {
    return this.buckets.size;
  }

  /**
   * Before a lookup: the seconds until the client may make one (a number), or
   * the ticket to give `settle` when it ends (null for a client with no bucket).
   */
  start(client: string, now: number): Bucket | null | number {
    const bucket = this.buckets.get(client);
    if (bucket === undefined) return null;
    this.refill(bucket, now);
    if (bucket.pending === 0 && bucket.tokens >= this.options.burst) {
      this.buckets.delete(client);
      return null;
    }
    if (bucket.tokens - bucket.pending < 1) return bucket.tokens >= 1 ? 1 : Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.perSecond));
    bucket.pending++;
    return bucket;
  }

  /** After the lookup `start` allowed: charged if it ended in 401. */
  settle(client: string, ticket: Bucket | null, failed: boolean, now: number): void {
    if (ticket) ticket.pending--;
    if (failed) this.charge(client, now);
  }

  private charge(client: string, now: number): void {
    const { burst, maxClients } = this.options;
    let bucket = this.buckets.get(client);
    if (bucket) {
      this.buckets.delete(client);
      this.refill(bucket, now);
    } else {
      if (this.buckets.size >= maxClients) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = { tokens: burst, at: now, pending: 0 };
    }
    // Debt from misses sent before the first failure was known, at most one burst's worth.
    bucket.tokens = Math.max(-burst, bucket.tokens - 1);
    this.buckets.set(client, bucket);
  }

  private refill(bucket: Bucket, now: number): void {
    // A wall clock stepped back (NTP, a test's clock) refills nothing, rather than draining the bucket.
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (Math.max(0, now - bucket.at) * this.options.perSecond) / 1000);
    bucket.at = now;
  }
}
