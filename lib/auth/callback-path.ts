/** Only same-site paths may be a post-sign-in destination (no open redirects). */
export function safeCallbackPath(value: string | undefined | null, fallback = "/projects"): string {
  if (!value) return fallback;
  let path = value;
  // next-auth sometimes hands back an absolute URL of our own origin.
  if (/^https?:\/\//i.test(path)) {
    try {
      const url = new URL(path);
      path = url.pathname + url.search;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\") || path.startsWith("/login")) {
    return fallback;
  }
  return path;
}
