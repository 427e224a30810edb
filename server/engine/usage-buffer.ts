import "server-only";
import type { KeyEnvironment } from "../../lib/keys/format";
import type { IpAddress } from "../../lib/keys/ip-allowlist";
import type { KeyRecord } from "./types";

/** What one key did in one UTC hour, not yet written. */
export type UsageEntry = {
  keyId: string;
  projectId: string;
  environment: KeyEnvironment;
  hour: number;
  capped: boolean;
  units: number;
  requests: number;
  refusedUnauthorized: number;
  refusedQuota: number;
  refusedRate: number;
  /** Epoch ms of the last 200, or 0. */
  lastUsedAt: number;
  /** That request's `client_ip`, when it gave one (a shared parsed address: no allocation per request). */
  lastClientIp: IpAddress | null;
  epoch: number;
};

/**
 * Usage aggregated in memory per key and hour, cut into batches by the
 * flusher. The hot path finds its entry through the record (no string key
 * is built per request); the epoch tells it when a cut has closed that entry.
 */
export class UsageBuffer {
  private epoch = 1;
  private entries = new Map<string, UsageEntry>();

  /**
   * `maxEntries` bounds what accumulates while batches cannot be written (a
   * database outage: the flusher keeps its failed batch and does not cut):
   * past it, a key-hour not already counted gets no entry.
   */
  constructor(private readonly maxEntries = Infinity) {}

  /** This key's entry for the hour, or null when the buffer is full and it has none. */
  entry(record: KeyRecord, hour: number): UsageEntry | null {
    const cached = record.hot.usage;
    if (cached !== undefined && cached.epoch === this.epoch && cached.hour === hour) return cached;
    const id = `${record.id} ${hour}`;
    let entry = this.entries.get(id);
    if (entry === undefined) {
      if (this.entries.size >= this.maxEntries) return null;
      entry = {
        keyId: record.id,
        projectId: record.projectId,
        environment: record.environment,
        hour,
        capped: record.unitCap !== null,
        units: 0,
        requests: 0,
        refusedUnauthorized: 0,
        refusedQuota: 0,
        refusedRate: 0,
        lastUsedAt: 0,
        lastClientIp: null,
        epoch: this.epoch,
      };
      this.entries.set(id, entry);
    }
    record.hot.usage = entry;
    return entry;
  }

  /** Closes the open batch and returns its entries; counting goes on in a new one. */
  cut(): UsageEntry[] {
    const closed = [...this.entries.values()];
    this.entries = new Map();
    this.epoch++;
    return closed;
  }

  get size(): number {
    return this.entries.size;
  }
}
