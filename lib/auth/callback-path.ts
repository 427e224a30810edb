// Any origin will do as a base: what matters is whether the value, read by
// the same URL parser browsers use, stays on it.
const BASE = "https://keydeck.invalid";

// Characters browsers strip or reinterpret while reading a URL (C0 controls,
// DEL, every Unicode space and separator, zero-width and byte-order marks,
// backslash), raw or percent-encoded in the path: none belongs in a path
// this app links to, so a value holding one is refused, not cleaned.
const UNSAFE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\\]/;

function decodedOnce(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * Only same-site paths may be a post-sign-in destination (no open redirects).
 * The value is read the way a browser will read the `Location` header made
 * from it, and must come out as a path of our own origin that no further
 * decoding turns into another host.
 */
export function safeCallbackPath(value: unknown, fallback = "/projects"): string {
  // A query parameter given twice arrives as an array: no destination.
  if (typeof value !== "string" || !value || value.length > 2048) return fallback;
  let candidate = value;
  // next-auth sometimes hands back an absolute URL of our own origin: keep its path.
  if (/^https?:\/\//i.test(candidate)) {
    try {
      const url = new URL(candidate);
      candidate = url.pathname + url.search + url.hash;
    } catch {
      return fallback;
    }
  }
  if (!candidate.startsWith("/") || UNSAFE.test(candidate)) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // The parser can still produce "//host" from "/.//host"; and a path that one
  // more decoding makes scheme-relative, or fills with what browsers strip,
  // is one careless proxy away from a redirect. (Only the path: the query
  // keeps its own percent-encoding, `?q=a%20b`.)
  const decodedPath = decodedOnce(url.pathname);
  if (path.startsWith("//") || decodedPath === null || UNSAFE.test(decodedPath) || /^\/[/\\]/.test(decodedPath)) return fallback;
  if (url.pathname === "/login" || url.pathname.startsWith("/login/")) return fallback;
  return path;
}
