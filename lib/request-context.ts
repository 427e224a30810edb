import { headers } from "next/headers";
import { env } from "./env";
import { clientIp } from "./http/client-ip";

/**
 * The client's IP for the activity log, by the same rules as the /api/v1
 * service. A server action cannot see its socket, and Next.js fills in
 * X-Forwarded-For only when the request has none, so without TRUST_PROXY
 * nothing tells the client's own header from the socket's address: the log
 * then records no address rather than one any member could make up.
 */
export async function requestClientIp(): Promise<string | null> {
  return clientIp({ socketAddress: null, forwardedFor: (await headers()).get("x-forwarded-for"), trustedHops: env().TRUST_PROXY });
}
