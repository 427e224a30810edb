import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdminRoutes } from "./admin-api";
import {
  adminUrlFor,
  defaultAppUrls,
  defaultClientId,
  defaultClientSecret,
  defaultPort,
  host,
  issuerFor,
  realmPath,
} from "./config";
import { createGroupMemberships } from "./groups";
import { createLoginRoutes } from "./interactions";
import { loadOrCreateKeys } from "./keys";
import { createDevIdpProvider } from "./provider";

export interface DevIdpOptions {
  /** Where the signing and cookie keys persist between runs. */
  dataDir: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Base URLs of the app; each gets a callback and post-logout URIs. */
  appUrls?: readonly string[];
  clientId?: string;
  clientSecret?: string;
  /** One line per sign-in, sign-out and failed request; default console.log. */
  log?: (line: string) => void;
}

export interface DevIdp {
  /** Give this to the app as KEYCLOAK_ISSUER, unchanged. */
  issuer: string;
  /**
   * Base of the admin API's group calls (`…/admin/realms/keydeck`; see
   * admin-api.ts), with HTTP Basic auth of the client id and secret.
   */
  adminUrl: string;
  port: number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Starts the Keycloak-shaped dev identity provider on 127.0.0.1. */
export async function startDevIdp(options: DevIdpOptions): Promise<DevIdp> {
  // Checked here, not only in the CLI: anything that starts the provider in a
  // production process would let anyone sign in as a demo user.
  if (process.env.NODE_ENV === "production") {
    throw new Error(
      "The dev identity provider is a development tool and refuses to run with NODE_ENV=production. Point KEYCLOAK_ISSUER at a real Keycloak realm.",
    );
  }
  const appUrls = options.appUrls?.length ? options.appUrls : defaultAppUrls;
  appUrls.forEach(assertHttpUrl);
  const log = options.log ?? ((line: string) => console.log(line));
  const keys = await loadOrCreateKeys(options.dataDir);

  // The issuer holds the port, so with port 0 the provider can only be built
  // after listening; requests in that instant get a 503.
  let handle: Handler | undefined;
  const server = createServer((req, res) => {
    if (!handle) return void res.writeHead(503).end();
    handle(req, res).catch((error: unknown) => {
      log(`dev-idp: request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { "Content-Type": "text/plain" }).end("Internal error\n");
    });
  });
  const port = await listen(server, options.port ?? defaultPort);
  const issuer = issuerFor(port);
  const close = closeOnce(server);

  try {
    const clientId = options.clientId ?? defaultClientId;
    const clientSecret = options.clientSecret ?? defaultClientSecret;
    // One membership per running provider, so that providers a test starts
    // beside the shared one do not see its changes.
    const memberships = createGroupMemberships();
    const provider = await createDevIdpProvider({ issuer, keys, memberships, log, appUrls, clientId, clientSecret });
    const serveProvider = provider.callback();
    const serveLogin = createLoginRoutes(provider, log);
    const serveAdmin = createAdminRoutes({
      clientId,
      clientSecret,
      memberships,
      log,
      isServiceAccountToken: async (token) => (await provider.ClientCredentials.find(token))?.clientId === clientId,
    });
    handle = async (req, res) => {
      if (await serveAdmin(req, res)) return;
      const path = stripRealmPath(req);
      if (path === undefined) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end(`Not found. The realm is at ${realmPath}\n`);
      } else if (!(await serveLogin(req, res, path))) {
        await serveProvider(req, res);
      }
    };
  } catch (error) {
    await close();
    throw error;
  }
  return { issuer, adminUrl: adminUrlFor(port), port, close };
}

/**
 * Mounts the provider under the realm path as Express would: `req.url` loses
 * the prefix and `req.originalUrl` keeps it, from which oidc-provider builds
 * its absolute URLs. Returns the stripped pathname, or undefined outside the realm.
 */
function stripRealmPath(req: IncomingMessage): string | undefined {
  const url = req.url ?? "/";
  const rest = url.slice(realmPath.length);
  if (!url.startsWith(realmPath) || (rest !== "" && !rest.startsWith("/") && !rest.startsWith("?"))) {
    return undefined;
  }
  Object.assign(req, { originalUrl: url });
  req.url = rest.startsWith("/") ? rest : `/${rest}`;
  return new URL(req.url, "http://dev-idp").pathname;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE"
        ? new Error(`dev-idp: port ${port} on ${host} is in use; set DEV_IDP_PORT to another port.`)
        : error);
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function closeOnce(server: Server): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Browsers hold keep-alive connections open; without this close() waits for them.
      server.closeAllConnections();
    });
    return closing;
  };
}

function assertHttpUrl(url: string): void {
  const parsed = URL.parse(url);
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new Error(`dev-idp: app URL "${url}" is not an http(s) URL.`);
  }
}
