/** A client's address as the service counts it; read only when a key is not in the cache. */
export type ClientAddress = () => string;

export type FailureBudgetOptions = {
  /** Failed lookups a client may make at once (the bucket's size). */
  burst: number;
  /** Failed lookups a client earns back per second. */
  perSecond: number;
  /** Clients remembered at once; the one quiet longest is forgotten first. */
  maxClients: number;
};

type Bucket = { tokens: number; at: number };

/**
 * What a lookup that ends in 401 (an unknown, revoked or expired key) costs
 * its client: the checksum is public, so anyone can make endless well-formed
 * unknown keys, each a database lookup. A token bucket per client address,
 * taken before the lookup (so a burst of concurrent misses cannot run ahead
 * of it) and given back when the key turns out to be valid, or when nothing
 * was looked up after all (503): valid keys, however many and however new,
 * never use the budget.
 *
 * Bounded: the map holds at most `maxClients` buckets, kept in order of last
 * use; a full map forgets the client quiet longest, whose bucket has had the
 * longest to refill, so forgetting it loses the least. Limits are per
 * instance (each instance has its own buckets).
 */
export class FailureBudget {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: FailureBudgetOptions) {}

  get size(): number {
    return this.buckets.size;
  }

  /** Takes one unit for a lookup about to run: 0 if allowed, else the seconds until one is back. */
  take(client: string, now: number): number {
    const { burst, perSecond, maxClients } = this.options;
    let bucket = this.buckets.get(client);
    if (bucket) {
      this.buckets.delete(client);
      // A wall clock stepped back (NTP, a test's clock) refills nothing, rather than draining the bucket.
      bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) * perSecond) / 1000);
      bucket.at = now;
    } else {
      if (this.buckets.size >= maxClients) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = { tokens: burst, at: now };
    }
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  /** Gives back the unit of a lookup that did not end in 401. */
  refund(client: string): void {
    const bucket = this.buckets.get(client);
    if (bucket) bucket.tokens = Math.min(this.options.burst, bucket.tokens + 1);
  }
}
