import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { isPublicAddress, refusedAddressMessage } from "../../lib/webhooks/address-policy";

/** What an attempt's log keeps of the response body. */
export const RESPONSE_BODY_BYTES = 2048;
export const DELIVERY_TIMEOUT_MS = 10_000;

export type PostResult = { status: number | null; error: string | null; latencyMs: number; body: string | null };

class RefusedAddress extends Error {}

/**
 * A DNS lookup that refuses non-public answers. It is the lookup of the very
 * socket that connects, so the address checked is the address connected to:
 * a name that answers a public address to a first check and 127.0.0.1 to the
 * connection (DNS rebinding) is refused at the connection.
 */
function guardedLookup(hostname: string, options: object, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "");
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(new RefusedAddress(refusedAddressMessage(refused.address)), "");
    if ((options as { all?: boolean }).all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/**
 * POSTs one signed message: 10 s for the whole exchange, redirects not
 * followed (a 3xx is a failed attempt), at most 2 KiB of the answer read.
 * Unless `allowPrivate`, only public addresses are connected to.
 */
export function postWebhook(target: string, headers: Record<string, string>, body: string, options: { allowPrivate: boolean; timeoutMs?: number }): Promise<PostResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<PostResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ ...result, latencyMs: elapsed() });
    };
    const url = new URL(target);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    // An address literal is connected to without a lookup: judge it here.
    if (!options.allowPrivate && net.isIP(host) && !isPublicAddress(host)) {
      settled = true;
      resolve({ status: null, error: refusedAddressMessage(host), latencyMs: 0, body: null });
      return;
    }
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Keydeck-Webhooks/1", "content-length": Buffer.byteLength(body), ...headers },
      ...(options.allowPrivate ? {} : { lookup: guardedLookup as unknown as net.LookupFunction }),
      // A fresh connection each time: a kept-alive socket would skip the lookup's check.
      agent: false,
    });
    const timer = setTimeout(() => finish({ status: null, error: `No answer within ${timeoutMs / 1000} s`, body: null }), timeoutMs);
    request.on("error", (error) => finish({ status: null, error: error instanceof RefusedAddress ? error.message : `Could not connect: ${error.message}`, body: null }));
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const done = () => {
        const status = response.statusCode ?? null;
        const text = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_BYTES).toString("utf8");
        const redirect = status !== null && status >= 300 && status < 400;
        finish({ status, error: redirect ? "Redirects are not followed: point the endpoint at the final URL" : null, body: text });
      };
      response.on("data", (chunk: Buffer) => {
        if (kept < RESPONSE_BODY_BYTES) chunks.push(chunk);
        kept += chunk.length;
        // Enough kept: the status is known, the rest of the body is not needed.
        if (kept >= RESPONSE_BODY_BYTES) done();
      });
      response.on("end", done);
      response.on("error", done);
    });
    request.end(body);
  });
}
