import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { at: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * A real HTTP receiver for webhook tests. `answer` decides each request's
 * status by its index (0-based); "hang" never answers.
 */
export async function startReceiver(answer: (index: number, request: Received) => number | "hang" = () => 200) {
  const received: Received[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = { at: Date.now(), headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(request);
      for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
      const status = answer(received.length - 1, request);
      if (status === "hang") return;
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : `failed with ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    /** Resolves once `count` requests have arrived (or rejects after `timeoutMs`). */
    waitFor(count: number, timeoutMs = 20_000): Promise<Received[]> {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} webhook requests, got ${received.length}`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(received)) });
      });
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
