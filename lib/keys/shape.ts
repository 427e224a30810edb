// What a key looks like, without the checksum: no Node module here, so the
// browser's search box can tell a pasted key from a search term with the same
// rule as the server (lib/keys/format.ts adds the CRC32 check on top).

/** A whole key: `{prefix}_{environment}_{36 base62}` (lib/keys/format.ts). */
export const KEY_SHAPE = /^[a-z]{2,8}_(?:live|test|sandbox)_[0-9A-Za-z]{36}$/;

// The same shape anywhere in a longer text ("Bearer kd_live_…", a pasted log line).
const KEY_IN_TEXT = /(?<![0-9A-Za-z_])[a-z]{2,8}_(?:live|test|sandbox)_[0-9A-Za-z]{36}(?![0-9A-Za-z])/;

// A key's start with more of its random body than a hint shows (4 characters):
// a key being typed or pasted in part. It can match no hint, and is too much
// of a secret to send as a search term.
const KEY_FRAGMENT = /(?<![0-9A-Za-z_])[a-z]{2,8}_(?:live|test|sandbox)_[0-9A-Za-z]{5,}/;

/** SHA-256 in lowercase hex, as api_keys.hash stores it. */
export const KEY_HASH = /^[0-9a-f]{64}$/;

export type SearchText =
  | { kind: "text"; text: string }
  | { kind: "full-key"; key: string }
  | { kind: "key-fragment" };

/**
 * What the search box holds: a search term that may be sent as it is, a whole
 * key (only its hash may leave the browser), or part of a key (nothing may be
 * sent: it finds nothing and gives away most of a secret).
 */
export function classifySearchText(input: string): SearchText {
  const text = input.trim();
  const key = KEY_IN_TEXT.exec(text)?.[0];
  if (key) return { kind: "full-key", key };
  if (KEY_FRAGMENT.test(text)) return { kind: "key-fragment" };
  return { kind: "text", text };
}
