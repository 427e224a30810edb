/**
 * SHA-256 of a pasted key, in lowercase hex (what api_keys.hash stores),
 * computed in the browser so that only the hash is ever sent. Web Crypto
 * exists only in a secure context (HTTPS, or localhost): elsewhere this
 * rejects, and the caller sends nothing.
 */
export async function hashKeyInBrowser(plaintext: string): Promise<string> {
  if (!globalThis.crypto?.subtle) throw new Error("Web Crypto is not available on this page (it needs HTTPS).");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(plaintext));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
