import { randomBytes } from "node:crypto";

export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * `length` base62 characters from the operating system's CSPRNG. Bytes of
 * 248 and above are thrown away so that every character is equally likely
 * (248 = 4 × 62; a plain `byte % 62` would favour the first eight).
 */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length + 8)) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** `value` (a non-negative integer below 62^width) as exactly `width` base62 digits. */
export function encodeBase62(value: number, width: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

const DIGIT_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE62.length; i++) DIGIT_VALUES[BASE62.charCodeAt(i)] = i;

/** The value of `width` base62 digits of `text` from `start`; -1 if one is not a base62 digit. */
export function decodeBase62(text: string, start: number, width: number): number {
  let value = 0;
  for (let i = start; i < start + width; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? DIGIT_VALUES[code]! : -1;
    if (digit < 0) return -1;
    value = value * 62 + digit;
  }
  return value;
}
