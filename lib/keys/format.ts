import { crc32 } from "node:zlib";
import { hash } from "node:crypto";
import { decodeBase62, encodeBase62, randomBase62 } from "./base62";
import { KEY_SHAPE } from "./shape";

// Key format: {prefix}_{env}_{body}
//   prefix  2–8 lowercase letters, the operator's KEY_PREFIX (default "kd")
//   env     live | test | sandbox
//   body    30 random base62 characters (≈178 bits), then 6 base62
//           characters of the CRC32 of everything before them
// The checksum rejects malformed and mistyped keys without a database lookup
// and lets secret scanners find leaked keys with few false positives:
//   \b[a-z]{2,8}_(live|test|sandbox)_[0-9A-Za-z]{36}\b  (then verify the CRC).

export const KEY_ENVIRONMENTS = ["live", "test", "sandbox"] as const;
export type KeyEnvironment = (typeof KEY_ENVIRONMENTS)[number];

export const RANDOM_LENGTH = 30;
export const CHECKSUM_LENGTH = 6;
const MAX_KEY_LENGTH = 8 + 1 + 7 + 1 + RANDOM_LENGTH + CHECKSUM_LENGTH;

export type ParsedKey = { prefix: string; environment: KeyEnvironment };

function checksum(head: string): string {
  return encodeBase62(crc32(head), CHECKSUM_LENGTH);
}

/** A new key's plaintext. Show it once; store only `hashKey(plaintext)`. */
export function generateKey(prefix: string, environment: KeyEnvironment): string {
  const head = `${prefix}_${environment}_${randomBase62(RANDOM_LENGTH)}`;
  return head + checksum(head);
}

/**
 * Format and checksum, no I/O: null for anything that cannot be a key.
 * It runs on every verification, so it allocates as little as it can: the
 * shape is tested without captures, and the checksum characters are decoded
 * and compared as a number instead of encoding the CRC to compare strings.
 */
export function parseKey(candidate: string): ParsedKey | null {
  if (candidate.length > MAX_KEY_LENGTH || !KEY_SHAPE.test(candidate)) return null;
  const checksumStart = candidate.length - CHECKSUM_LENGTH;
  if (decodeBase62(candidate, checksumStart, CHECKSUM_LENGTH) !== crc32(candidate.slice(0, checksumStart))) return null;
  const prefixEnd = candidate.indexOf("_");
  const environmentEnd = checksumStart - RANDOM_LENGTH - 1;
  return { prefix: candidate.slice(0, prefixEnd), environment: candidate.slice(prefixEnd + 1, environmentEnd) as KeyEnvironment };
}

/**
 * SHA-256 (hex) of the whole key: what api_keys.hash stores, written when a
 * key is issued. Keys carry ~178 random bits, so a fast unsalted hash is safe
 * here (unlike passwords) and lets verification find the row by an indexed
 * equality lookup. Verification itself does not call this: it hashes with
 * keyDigest (lib/keys/digest.ts), the same SHA-256 in binary, and turns that
 * into this hex only when the key is not in its cache.
 */
export function hashKey(plaintext: string): string {
  return hash("sha256", plaintext, "hex");
}

/** The non-secret display form: `kd_live_AbCd…wxyz` (4 characters each side of the body). */
export function keyHint(plaintext: string): string {
  const body = plaintext.slice(plaintext.lastIndexOf("_") + 1);
  const head = plaintext.slice(0, plaintext.lastIndexOf("_") + 1);
  return `${head}${body.slice(0, 4)}…${body.slice(-4)}`;
}
