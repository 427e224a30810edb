import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny web site on another origin that the signed-in browser visits, for
 * cross-site attacks (CSRF, framing). Pages are registered by path. Each spec
 * uses its own port in 3310–3319, so parallel workers do not clash.
 */
export async function startAttackerSite(port: number) {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? "/", "http://attacker").pathname);
    res.writeHead(html ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" }).end(html ?? "not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    /** Cross-site: another host than the app's `localhost`. */
    crossSite: `http://127.0.0.1:${bound}`,
    /** Same site (cookies with SameSite=Lax go along) but another origin (port). */
    sameSite: `http://localhost:${bound}`,
    serve(path: string, html: string) {
      pages.set(path, html);
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** An HTML page that submits a form to `action` as soon as it loads. */
export function autoSubmittingForm(action: string, fields: Record<string, string>, enctype = "application/x-www-form-urlencoded") {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join("");
  return `<!doctype html><title>Win a prize</title><form method="post" action="${escape(action)}" enctype="${enctype}">${inputs}</form><script>document.forms[0].submit()</script>`;
}

const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
