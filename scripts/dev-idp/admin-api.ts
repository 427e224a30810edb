import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { adminRealmPath } from "./config";
import { findGroupById, groupTree, type GroupMemberships } from "./groups";
import { findUserBySub } from "./users";

export interface AdminRoutesOptions {
  clientId: string;
  clientSecret: string;
  /** Whether a bearer token is a live client-credentials token of the dashboard client (its service account). */
  isServiceAccountToken: (token: string) => Promise<boolean>;
  memberships: GroupMemberships;
  log: (line: string) => void;
}

const userGroupsRoute = /^\/users\/([^/]+)\/groups(?:\/([^/]+))?$/;

type AdminResponse = { status: number; body?: unknown; headers?: Record<string, string> };

const notFound = (error: string): AdminResponse => ({ status: 404, body: { error } });
const methodNotAllowed = (allow: string): AdminResponse => ({
  status: 405,
  body: { error: "HTTP 405 Method Not Allowed" },
  headers: { Allow: allow },
});

/**
 * The group calls of Keycloak's Admin REST API, at Keycloak's paths and with
 * its response shapes and error bodies, so that tests change group
 * membership the way they would against a real realm:
 *
 *   GET    /admin/realms/keydeck/groups                        the groups as a tree
 *   GET    /admin/realms/keydeck/users/{sub}/groups            [{ id, name, path, parentId? }]
 *   PUT    /admin/realms/keydeck/users/{sub}/groups/{groupId}  204
 *   DELETE /admin/realms/keydeck/users/{sub}/groups/{groupId}  204
 *
 * Auth: as Keycloak, a bearer token of the dashboard client's service
 * account (client-credentials grant); the dashboard reads a user's groups
 * this way at session refresh. Unlike Keycloak, HTTP Basic with the
 * client's id and secret is taken too (the credentials every test already
 * has), and any service-account token may change memberships (Keycloak would
 * want manage-users for PUT and DELETE). `GET
 * …/groups` fills in `subGroups`, which Keycloak 23+ does only with `search`.
 * Query parameters (first, max, search, briefRepresentation) are ignored.
 * Returns false for paths outside `/admin`.
 */
export function createAdminRoutes({ clientId, clientSecret, isServiceAccountToken, memberships, log }: AdminRoutesOptions) {
  const expected = sha256(`${clientId}:${clientSecret}`);

  /** `route` is the path after `/admin/realms/keydeck`, or undefined for another realm or path. */
  function answer(method: string, route: string | undefined): AdminResponse {
    if (route === "/groups") {
      return method === "GET" ? { status: 200, body: groupTree() } : methodNotAllowed("GET");
    }
    const match = route === undefined ? null : userGroupsRoute.exec(route);
    if (!match) return notFound("Not found");
    const [, sub = "", groupId] = match;
    const user = findUserBySub(sub);
    if (!user) return notFound("User not found");

    if (groupId === undefined) {
      return method === "GET" ? { status: 200, body: memberships.groupsOf(user.sub) } : methodNotAllowed("GET");
    }
    if (method !== "PUT" && method !== "DELETE") return methodNotAllowed("PUT, DELETE");
    const group = findGroupById(groupId);
    if (!group) return notFound("Group not found");
    const changed = method === "PUT" ? memberships.join(user.sub, group.id) : memberships.leave(user.sub, group.id);
    if (changed) log(`dev-idp: ${user.username} ${method === "PUT" ? "joined" : "left"} ${group.path}`);
    return { status: 204 };
  }

  const authorized = async (authorization: string | undefined) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    return bearer ? isServiceAccountToken(bearer) : hasCredentials(authorization, expected);
  };

  return async function serveAdmin(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const { pathname } = new URL(req.url ?? "/", "http://dev-idp");
    if (pathname !== "/admin" && !pathname.startsWith("/admin/")) return false;
    // Nothing here reads a body; drain it so the connection can be reused.
    req.resume();

    // Checked first, as in Keycloak: without credentials even a wrong path is a 401.
    const response: AdminResponse = (await authorized(req.headers.authorization))
      ? answer(req.method ?? "GET", pathname.startsWith(`${adminRealmPath}/`) ? pathname.slice(adminRealmPath.length) : undefined)
      : { status: 401, body: { error: "HTTP 401 Unauthorized" }, headers: { "WWW-Authenticate": 'Basic realm="keydeck-admin"' } };

    // Keycloak marks admin responses @NoCache.
    const headers = { "Cache-Control": "no-cache", ...response.headers };
    if (response.body === undefined) {
      res.writeHead(response.status, headers).end();
    } else {
      res.writeHead(response.status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(response.body));
    }
    return true;
  };
}

/**
 * Compares hashes of the whole `id:secret` pair: equal lengths for
 * timingSafeEqual, and no early exit that tells how much of a guess was right.
 */
function hasCredentials(authorization: string | undefined, expected: Buffer): boolean {
  const token = /^Basic\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) return false;
  return timingSafeEqual(sha256(Buffer.from(token, "base64").toString("utf8")), expected);
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
