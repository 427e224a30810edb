import { hash } from "node:crypto";

// The key cache is indexed by a key's SHA-256 as a 32-character binary
// (latin1) string rather than the 64-character hex stored in api_keys.hash:
// building and hashing the short string for the Map costs half as much, on
// every verification. The hex is derived from it only on a miss.

export function keyDigest(plaintext: string): string {
  return hash("sha256", plaintext, "binary");
}

/** The stored form of a digest: api_keys.hash, as lib/keys/format.ts hashKey() writes it. */
export function digestHex(digest: string): string {
  return Buffer.from(digest, "latin1").toString("hex");
}
