import { randomInt } from "node:crypto";
import { MAX_SLUG_LENGTH } from "./slugify";

export { slugify } from "./slugify";

const SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Slugs are global (they are the project's URL). On a collision a random
 * suffix is added rather than a counter, so slugs do not reveal how many
 * projects share a name.
 */
export function slugWithSuffix(base: string): string {
  let suffix = "";
  for (let i = 0; i < 5; i++) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return `${base.slice(0, MAX_SLUG_LENGTH - 6).replace(/-+$/, "")}-${suffix}`;
}
