import net from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy to PostgreSQL that a test can cut and restore, to play a
 * database that goes away and comes back. Cutting it is how the tests
 * simulate "PostgreSQL stopped" without stopping the shared server: to the
 * service behind it the effect is the same (open connections reset, new
 * ones refused), while other users of the server are unaffected.
 */
export async function startDatabaseProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const proxied = new URL(targetUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(port);
  return {
    url: proxied.toString(),
    /** Refuses new connections and resets the open ones. */
    async cut() {
      await new Promise<void>((resolve) => {
        server!.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    restore: listen,
  };
}
