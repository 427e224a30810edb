import { crc32 } from "node:zlib";
import { createHash } from "node:crypto";
import { encodeBase62, randomBase62 } from "./base62";

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
const KEY_PATTERN = /^([a-z]{2,8})_(live|test|sandbox)_([0-9A-Za-z]{36})$/;
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

/** Format and checksum, no I/O: null for anything that cannot be a key. */
export function parseKey(candidate: string): ParsedKey | null {
  if (candidate.length > MAX_KEY_LENGTH) return null;
  const match = KEY_PATTERN.exec(candidate);
  if (!match) return null;
  const head = candidate.slice(0, candidate.length - CHECKSUM_LENGTH);
  if (checksum(head) !== candidate.slice(-CHECKSUM_LENGTH)) return null;
  return { prefix: match[1]!, environment: match[2] as KeyEnvironment };
}

/**
 * SHA-256 (hex) of the whole key. Keys carry ~178 random bits, so a fast
 * unsalted hash is safe here (unlike passwords) and lets verification find
 * the row by an indexed equality lookup.
 */
export function hashKey(plaintext: string): string {
  return createHash("sha256").update(plaintext).digest("hex");
}

/** The non-secret display form: `kd_live_AbCd…wxyz` (4 characters each side of the body). */
export function keyHint(plaintext: string): string {
  const body = plaintext.slice(plaintext.lastIndexOf("_") + 1);
  const head = plaintext.slice(0, plaintext.lastIndexOf("_") + 1);
  return `${head}${body.slice(0, 4)}…${body.slice(-4)}`;
}
