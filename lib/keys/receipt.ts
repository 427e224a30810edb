// What the dashboard tells a person after a change that must stop cached keys
// (revoke, rotate now, a key's policy, delete project, embed off): which API
// instances confirmed it, and which stopped trusting their cache instead.
// Revoking embed signing secrets has none: no instance caches them.
// Pure, so the toast (client) and the activity log (server) say the same.

export type InstanceAcknowledgement = { id: string; host: string; acknowledgedAt: string };
/** An instance that neither acknowledged nor kept its lease: it no longer answers from its cache. */
export type SilentInstance = { id: string; host: string; stoppedTrustingAt: string; reason: "lease_expired" | "shut_down" };

export type InvalidationReceipt = {
  /** Instances that were serving when the change committed. */
  instances: number;
  acknowledged: InstanceAcknowledgement[];
  silent: SilentInstance[];
  /** From the commit to the last answer, in ms. */
  elapsedMs: number;
  /**
   * The longest the change could have waited: the longest lease (with its
   * outage grace) among those instances, plus the heartbeat margin. Absent
   * in receipts kept before it was recorded.
   */
  worstCaseMs?: number;
  completedAt: string;
};

/** The receipt kept in an activity row's metadata, or null when it holds none (or not in this shape). */
export function receiptFromMetadata(metadata: unknown): InvalidationReceipt | null {
  const receipt = (metadata as { receipt?: Partial<InvalidationReceipt> } | null)?.receipt;
  if (!receipt || typeof receipt.instances !== "number" || !Array.isArray(receipt.acknowledged) || !Array.isArray(receipt.silent)) return null;
  return receipt as InvalidationReceipt;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** "confirmed by 3 of 3 API instances in 42 ms" (and who went silent instead). */
export function describeReceipt(receipt: InvalidationReceipt): string {
  if (receipt.instances === 0) return "no API instance was running, so none could still answer for it";
  const confirmed = `confirmed by ${receipt.acknowledged.length} of ${plural(receipt.instances, "API instance")} in ${Math.round(receipt.elapsedMs)} ms`;
  if (receipt.silent.length === 0) return confirmed;
  return `${confirmed}; ${plural(receipt.silent.length, "instance")} stopped trusting ${receipt.silent.length === 1 ? "its" : "their"} cache instead`;
}

/**
 * "It could have waited at most 32.5 s, if an instance had gone silent": the
 * bound the outage grace puts on a change, or null for an older receipt.
 */
export function describeWorstCase(receipt: InvalidationReceipt): string | null {
  if (receipt.worstCaseMs === undefined || receipt.instances === 0) return null;
  const seconds = receipt.worstCaseMs / 1000;
  return `It could have waited at most ${seconds.toLocaleString("en-US", { maximumFractionDigits: 1 })} s, if an instance had gone silent (its lease and outage grace).`;
}
