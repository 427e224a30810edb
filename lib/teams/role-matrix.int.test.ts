// The role × action matrix, generated from the role table (lib/projects/roles.ts):
// every server action and every project-scoped read, called by an owner, an
// admin, a developer, a viewer and a non-member of a fresh project. What is
// expected comes from `can` (and `canAssignRole` where the rank rule applies),
// never from a hand-written list, so a line changed in PERMISSIONS changes
// what this file expects, and a server that disagrees fails here.
//
// Actions are called through their schema and handler, read from each
// action's source (below); reads through the lib function their route
// handler or page calls.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import type { Role, User } from "@prisma/client";
import type { z } from "zod";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActionResult } from "@/lib/actions/safe-action";
import { appErrorCode, createUser, snapshot } from "@/tests/integration/factories";
import { can, canAssignRole, keyPermission, PERMISSIONS, ROLES, type Permission } from "../projects/roles";
import { createProject as createProjectAs } from "../projects/mutations";
import { listProjects } from "../projects/queries";
import { createKey as createKeyAs } from "../keys/mutations";
import { listKeys } from "../keys/queries";
import { listKeysQuery } from "../keys/schemas";
import { setEmbedEnabled as setEmbedEnabledAs } from "../embed/mutations";
import { embedSettings } from "../embed/settings";
import { usageSeries, usageSeriesQuery } from "../usage/series";
import { usageExport } from "../usage/usage-export";
import { usageSummary } from "../usage/summary";
import { listActivity } from "../activity/list";
import { acceptInvitation as acceptAs, inviteMember as inviteAs } from "./invitations";
import { changeMemberRole as changeRoleAs, removeMember as removeAs } from "./members";
import { linkGroup as linkGroupAs } from "./group-links";
import { getTeam } from "./queries";
import { acceptInvitation } from "@/lib/actions/accept-invitation";
import { changeMemberRole } from "@/lib/actions/change-member-role";
import { confirmReveal } from "@/lib/actions/confirm-reveal";
import { createKey } from "@/lib/actions/create-key";
import { createProject } from "@/lib/actions/create-project";
import { declineInvitation } from "@/lib/actions/decline-invitation";
import { deleteProject } from "@/lib/actions/delete-project";
import { inviteMember } from "@/lib/actions/invite-member";
import { leaveProject } from "@/lib/actions/leave-project";
import { linkGroup } from "@/lib/actions/link-group";
import { reissueInvitation } from "@/lib/actions/reissue-invitation";
import { removeMember } from "@/lib/actions/remove-member";
import { renameProject } from "@/lib/actions/rename-project";
import { markNotificationsRead } from "@/lib/actions/mark-notifications-read";
import { revokeEmbedSecrets } from "@/lib/actions/revoke-embed-secrets";
import { revokeInvitation } from "@/lib/actions/revoke-invitation";
import { revokeKey } from "@/lib/actions/revoke-key";
import { rotateEmbedSecret } from "@/lib/actions/rotate-embed-secret";
import { rotateKey } from "@/lib/actions/rotate-key";
import { setEmbedEnabled } from "@/lib/actions/set-embed-enabled";
import { transferOwnership } from "@/lib/actions/transfer-ownership";
import { unlinkGroup } from "@/lib/actions/unlink-group";
import { updateEmbedOrigins } from "@/lib/actions/update-embed-origins";
import { updateKeyPolicy } from "@/lib/actions/update-key-policy";
import { renameKey } from "@/lib/actions/rename-key";
import { definePermission } from "@/lib/actions/define-permission";
import { removePermission } from "@/lib/actions/remove-permission";
import { defineProjectPermission as defineAs } from "../keys/permissions";
import { createWebhookEndpoint } from "@/lib/actions/create-webhook-endpoint";
import { updateWebhookEndpoint } from "@/lib/actions/update-webhook-endpoint";
import { setWebhookEndpointEnabled } from "@/lib/actions/set-webhook-endpoint-enabled";
import { rotateWebhookSecret } from "@/lib/actions/rotate-webhook-secret";
import { deleteWebhookEndpoint } from "@/lib/actions/delete-webhook-endpoint";
import { sendTestWebhook } from "@/lib/actions/send-test-webhook";
import { resendWebhook } from "@/lib/actions/resend-webhook";
import { createWebhookEndpoint as createEndpointAs } from "../webhooks/endpoints";
import { sendTestWebhook as sendTestAs } from "../webhooks/deliveries";
import { listWebhookAttempts, listWebhookEndpoints } from "../webhooks/read";
import { setLeakPolicy } from "@/lib/actions/set-leak-policy";
import { reportKeyLeaked } from "@/lib/actions/report-key-leaked";
import { revealLeakReplacement } from "@/lib/actions/reveal-leak-replacement";
import { reportKeyLeaked as reportLeakAs } from "../keys/leak-report";

// Each server action is `authedAction(schema, handler)`: the same-origin and
// session checks (tested over HTTP by e2e/isolation and e2e/security/csrf),
// then the schema, then one lib function with the caller as `userId`. Here the
// schema and lib function are read from each action's own source and called
// with the matrix's user, so nothing about the session is mocked.
type Handler = (user: User, input: unknown) => Promise<ActionResult<unknown>>;
const handlers = new Map<unknown, Handler>();

async function handlerOf(file: string): Promise<{ name: string; action: unknown; handler: Handler }> {
  const source = readFileSync(file, "utf8");
  const imports = new Map<string, { from: string; name: string }>();
  for (const [, names, from] of source.matchAll(/import \{([^}]+)\} from "(\.\.\/[^"]+)";/g)) {
    for (const part of names!.split(",")) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      imports.set(alias ?? name!, { from: from!, name: name! });
    }
  }
  const [, exported, schemaId, runId] = source.match(/export const (\w+) = authedAction\((\w+),[\s\S]*?=>\s*(\w+)\(/) ?? [];
  const load = async (id: string | undefined) => {
    const spec = id && imports.get(id);
    if (!spec) throw new Error(`${file}: cannot find the import of ${id}; the matrix expects authedAction(schema, (input, ctx) => run({ ...input, userId, ip }))`);
    return (await import(path.resolve(path.dirname(file), spec.from)))[spec.name];
  };
  const schema = (await load(schemaId)) as z.ZodType;
  const run = (await load(runId)) as (input: object) => Promise<unknown>;
  const action = (await import(file))[exported!];
  const handler: Handler = async (user, input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, validationErrors: { form: parsed.error.issues.map((i) => i.message) } };
    try {
      return { ok: true, data: await run({ ...(parsed.data as object), userId: user.id, ip }) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, serverError: { code: error.code, message: error.message } };
      throw error;
    }
  };
  return { name: exported!, action, handler };
}

beforeAll(async () => {
  const dir = path.join(root, "lib/actions");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "safe-action.ts" && !f.includes(".test."))) {
    const { action, handler } = await handlerOf(path.join(dir, file));
    handlers.set(action, handler);
  }
});

const ip = "192.0.2.15";
const never = { kind: "never" } as const;
const tokenOf = (link: string) => link.split("/invitations/")[1]!;

// Each test's projects go when it ends: every snapshot reads whole tables,
// and 300 leftover projects would make the later ones slow.
const projectsMade: string[] = [];
afterEach(async () => {
  await db.project.deleteMany({ where: { id: { in: projectsMade.splice(0) } } });
});

afterAll(async () => {
  await db.$disconnect();
});

type Caller = Role | "non-member";
const CALLERS: Caller[] = [...ROLES, "non-member"];

/** A fresh project: its founder (an owner) and the caller, who holds `as`. */
type World = { project: { id: string; name: string; slug: string }; founder: User; caller: User; as: Caller };

async function join(w: World, user: User, role: Role) {
  const { link } = await inviteAs({ userId: w.founder.id, ip, projectId: w.project.id, email: user.email!, role });
  await acceptAs({ userId: user.id, ip, token: tokenOf(link) });
  return db.membership.findUniqueOrThrow({ where: { projectId_userId: { projectId: w.project.id, userId: user.id } } });
}

async function world(as: Caller): Promise<World> {
  const founder = await createUser("Founder");
  const project = await createProjectAs({ userId: founder.id, ip, name: "Matrix project" });
  projectsMade.push(project.id);
  const w = { project, founder, caller: await createUser(`Caller (${as})`), as };
  if (as !== "non-member") await join(w, w.caller, as);
  return w;
}

/** Another member of the world's project, holding `role`. */
const member = async (w: World, role: Role) => join(w, await createUser(`Member (${role})`), role);

type ActionNamed<I> = [name: string, action: (input: I) => Promise<ActionResult<unknown>>];

/** Runs a server action's schema and handler as `user`; a refusal rejects with its AppError code, like the lib function would. */
async function actAs<I, T>(user: User, action: (input: I) => Promise<ActionResult<T>>, input: I): Promise<T> {
  const handler = handlers.get(action);
  if (!handler) throw new Error("no handler read for this action");
  const result = (await handler(user, input)) as ActionResult<T>;
  if (result.ok) return result.data;
  if (result.serverError) throw new AppError(result.serverError.code, result.serverError.message);
  throw new Error(`The matrix sent an invalid input: ${JSON.stringify(result.validationErrors)}`);
}

const founderKey = (w: World, environment: "live" | "test") =>
  createKeyAs({ userId: w.founder.id, ip, projectId: w.project.id, name: "Founder's key", environment, expiry: never });

/**
 * A live key the caller created: a viewer was a developer then, and a
 * non-member is a former developer (their key stays, their access does not).
 */
async function callersLiveKey(w: World) {
  const create = () => createKeyAs({ userId: w.caller.id, ip, projectId: w.project.id, name: "Caller's key", environment: "live", expiry: never });
  if (w.as !== "non-member" && can(w.as, "keys:write:own-live")) return create();
  const asFounder = { userId: w.founder.id, ip, projectId: w.project.id };
  if (w.as === "non-member") {
    const m = await join(w, w.caller, "developer");
    const key = await create();
    await removeAs({ ...asFounder, memberId: m.id });
    return key;
  }
  const m = await db.membership.findUniqueOrThrow({ where: { projectId_userId: { projectId: w.project.id, userId: w.caller.id } } });
  await changeRoleAs({ ...asFounder, memberId: m.id, role: "developer" });
  const key = await create();
  await changeRoleAs({ ...asFounder, memberId: m.id, role: w.as });
  return key;
}

type MatrixCase = {
  variant?: string;
  permission: Permission;
  /** Whether a member holding `role` may: the role table's `can` unless the rank rule applies. */
  allows?: (role: Role) => boolean;
  /** Reads change nothing but the caller's (throttled) last_active_at. */
  readOnly?: boolean;
  /** Sets up what one call needs in the world's project and returns that call, made as the caller. */
  prepare: (w: World) => Promise<() => Promise<unknown>>;
};

// Placeholder user ids for deriving a key's permission with `keyPermission`.
const CALLER = "caller";
const SOMEONE_ELSE = "someone-else";
const KEY_CASES = [
  { variant: "test key", key: { environment: "test", createdById: SOMEONE_ELSE }, make: (w: World) => founderKey(w, "test") },
  { variant: "own live key", key: { environment: "live", createdById: CALLER }, make: callersLiveKey },
  { variant: "someone else's live key", key: { environment: "live", createdById: SOMEONE_ELSE }, make: (w: World) => founderKey(w, "live") },
] as const;

const NON_OWNER_ROLES = ROLES.filter((r) => r !== "owner");
const groupPath = () => `/matrix/${randomUUID()}`;
const enableEmbed = (w: World) => setEmbedEnabledAs({ userId: w.founder.id, ip, projectId: w.project.id, enabled: true });
const HOOK_URL = "http://127.0.0.1:9/matrix";
const founderEndpoint = async (w: World) =>
  (await createEndpointAs({ userId: w.founder.id, ip, projectId: w.project.id, url: HOOK_URL, description: "", eventTypes: ["key.created"] })).endpoint;
/** One case per webhook action that acts on an existing endpoint, made by the founder. */
const onEndpoint = (call: (w: World, endpointId: string) => Promise<unknown>) => ({
  cases: [{ permission: "webhooks:manage" as const, prepare: async (w: World) => { const { id } = await founderEndpoint(w); return () => call(w, id); } }],
});

const invitationActions: ActionNamed<{ projectId: string; invitationId: string }>[] = [
  ["revokeInvitation", revokeInvitation],
  ["reissueInvitation", reissueInvitation],
];

/** Every export of lib/actions/*.ts: its matrix cases, or why it is not project-role-scoped (tested below). */
const ACTIONS: Record<string, { action: unknown; cases: MatrixCase[] } | { action: unknown; exception: string }> = {
  acceptInvitation: { action: acceptInvitation, exception: "only the invited verified address; no project role involved" },
  declineInvitation: { action: declineInvitation, exception: "only the invited verified address; no project role involved" },
  createProject: { action: createProject, exception: "any signed-in user; the creator becomes the owner" },
  markNotificationsRead: {
    action: markNotificationsRead,
    exception: "the caller's own read state across the projects they are a member of; another project's event is not_found (lib/notifications/feed.int.test.ts)",
  },
  confirmReveal: { action: confirmReveal, exception: "the caller's own create requests, by idempotency key; no project role involved (lib/idempotency)" },
  renameProject: {
    action: renameProject,
    cases: [{ permission: "project:update", prepare: async (w) => () => actAs(w.caller, renameProject, { projectId: w.project.id, name: "Renamed" }) }],
  },
  deleteProject: {
    action: deleteProject,
    cases: [{ permission: "project:delete", prepare: async (w) => () => actAs(w.caller, deleteProject, { projectId: w.project.id, confirmName: w.project.name }) }],
  },
  createKey: {
    action: createKey,
    cases: (["test", "live"] as const).map((environment) => ({
      variant: `${environment} key`,
      // The new key will be the caller's own.
      permission: keyPermission({ environment, createdById: CALLER }, CALLER),
      prepare: async (w: World) => () => actAs(w.caller, createKey, { projectId: w.project.id, name: "Matrix key", environment, expiry: never, idempotencyKey: randomUUID() }),
    })),
  },
  revokeKey: {
    action: revokeKey,
    cases: KEY_CASES.map(({ variant, key, make }) => ({
      variant,
      permission: keyPermission(key, CALLER),
      prepare: async (w: World) => {
        const { id } = await make(w);
        return () => actAs(w.caller, revokeKey, { projectId: w.project.id, keyId: id });
      },
    })),
  },
  rotateKey: {
    action: rotateKey,
    cases: KEY_CASES.map(({ variant, key, make }) => ({
      variant,
      permission: keyPermission(key, CALLER),
      prepare: async (w: World) => {
        const { id } = await make(w);
        return () => actAs(w.caller, rotateKey, { projectId: w.project.id, keyId: id, overlap: "1h" });
      },
    })),
  },
  updateKeyPolicy: {
    action: updateKeyPolicy,
    cases: KEY_CASES.map(({ variant, key, make }) => ({
      variant,
      permission: keyPermission(key, CALLER),
      prepare: async (w: World) => {
        const { id } = await make(w);
        return () => actAs(w.caller, updateKeyPolicy, { projectId: w.project.id, keyId: id, rateLimitRps: 10, ipAllowlist: ["10.0.0.0/8"] });
      },
    })),
  },
  renameKey: {
    action: renameKey,
    cases: KEY_CASES.map(({ variant, key, make }) => ({
      variant,
      permission: keyPermission(key, CALLER),
      prepare: async (w: World) => {
        const { id } = await make(w);
        return () => actAs(w.caller, renameKey, { projectId: w.project.id, keyId: id, name: "Renamed key" });
      },
    })),
  },
  definePermission: {
    action: definePermission,
    cases: [{ permission: "project:update", prepare: async (w) => () => actAs(w.caller, definePermission, { projectId: w.project.id, name: "charges.write", description: "" }) }],
  },
  removePermission: {
    action: removePermission,
    cases: [
      {
        permission: "project:update",
        prepare: async (w) => {
          await defineAs({ userId: w.founder.id, ip, projectId: w.project.id, name: "charges.read", description: "" });
          return () => actAs(w.caller, removePermission, { projectId: w.project.id, permission: "charges.read" });
        },
      },
    ],
  },
  setLeakPolicy: {
    action: setLeakPolicy,
    cases: [{ permission: "keys:leak-policy", prepare: async (w) => () => actAs(w.caller, setLeakPolicy, { projectId: w.project.id, policy: "replace" }) }],
  },
  // Any member who can see a key may report it leaked: the project's policy decides what happens.
  reportKeyLeaked: {
    action: reportKeyLeaked,
    cases: KEY_CASES.map(({ variant, make }) => ({
      variant,
      permission: "keys:read" as const,
      prepare: async (w: World) => {
        const { id } = await make(w);
        return () => actAs(w.caller, reportKeyLeaked, { projectId: w.project.id, keyId: id, url: "https://github.com/acme/app/blob/main/.env" });
      },
    })),
  },
  revealLeakReplacement: {
    action: revealLeakReplacement,
    cases: [
      {
        permission: "keys:leak-policy",
        prepare: async (w) => {
          const key = await founderKey(w, "live");
          await db.project.update({ where: { id: w.project.id }, data: { leakPolicy: "replace" } });
          await reportLeakAs({ userId: w.founder.id, ip, projectId: w.project.id, keyId: key.id, url: "a chat message" });
          const { id } = await db.leakReplacement.findFirstOrThrow({ where: { projectId: w.project.id } });
          return () => actAs(w.caller, revealLeakReplacement, { projectId: w.project.id, replacementId: id });
        },
      },
    ],
  },
  setEmbedEnabled: {
    action: setEmbedEnabled,
    cases: [{ permission: "embed:write", prepare: async (w) => () => actAs(w.caller, setEmbedEnabled, { projectId: w.project.id, enabled: true, idempotencyKey: randomUUID() }) }],
  },
  updateEmbedOrigins: {
    action: updateEmbedOrigins,
    cases: [
      { permission: "embed:write", prepare: async (w) => () => actAs(w.caller, updateEmbedOrigins, { projectId: w.project.id, origins: ["https://partner.example"] }) },
    ],
  },
  rotateEmbedSecret: {
    action: rotateEmbedSecret,
    cases: [
      {
        permission: "embed:write",
        prepare: async (w) => {
          await enableEmbed(w);
          return () => actAs(w.caller, rotateEmbedSecret, { projectId: w.project.id, overlap: "1h" });
        },
      },
    ],
  },
  revokeEmbedSecrets: {
    action: revokeEmbedSecrets,
    cases: [
      {
        permission: "embed:write",
        prepare: async (w) => {
          await enableEmbed(w);
          return () => actAs(w.caller, revokeEmbedSecrets, { projectId: w.project.id });
        },
      },
    ],
  },
  inviteMember: {
    action: inviteMember,
    cases: ROLES.map((role) => ({
      variant: `as ${role}`,
      permission: "members:manage" as const,
      allows: (actor: Role) => canAssignRole(actor, null, role),
      prepare: async (w: World) => () => actAs(w.caller, inviteMember, { projectId: w.project.id, email: `${randomUUID()}@example.test`, role, idempotencyKey: randomUUID() }),
    })),
  },
  ...Object.fromEntries(
    invitationActions.map(([name, action]) => [
      name,
      {
        action,
        cases: ROLES.map((role) => ({
          variant: `${role} invitation`,
          permission: "members:manage" as const,
          allows: (actor: Role) => canAssignRole(actor, role, null),
          prepare: async (w: World) => {
            const { id } = await inviteAs({ userId: w.founder.id, ip, projectId: w.project.id, email: `${randomUUID()}@example.test`, role });
            return () => actAs(w.caller, action, { projectId: w.project.id, invitationId: id });
          },
        })),
      },
    ]),
  ),
  changeMemberRole: {
    action: changeMemberRole,
    cases: ROLES.flatMap((from) =>
      ROLES.filter((to) => to !== from).map((to) => ({
        variant: `${from} → ${to}`,
        permission: "members:manage" as const,
        allows: (actor: Role) => canAssignRole(actor, from, to),
        prepare: async (w: World) => {
          const target = await member(w, from);
          return () => actAs(w.caller, changeMemberRole, { projectId: w.project.id, memberId: target.id, role: to });
        },
      })),
    ),
  },
  removeMember: {
    action: removeMember,
    cases: ROLES.map((role) => ({
      variant: `a ${role}`,
      permission: "members:manage" as const,
      allows: (actor: Role) => canAssignRole(actor, role, null),
      prepare: async (w: World) => {
        const target = await member(w, role);
        return () => actAs(w.caller, removeMember, { projectId: w.project.id, memberId: target.id });
      },
    })),
  },
  // The founder stays an owner, so an owner caller is never the last one.
  leaveProject: {
    action: leaveProject,
    cases: [{ permission: "project:read", prepare: async (w) => () => actAs(w.caller, leaveProject, { projectId: w.project.id }) }],
  },
  transferOwnership: {
    action: transferOwnership,
    cases: [
      {
        permission: "owners:manage",
        prepare: async (w) => {
          const target = await member(w, "developer");
          return () => actAs(w.caller, transferOwnership, { projectId: w.project.id, memberId: target.id });
        },
      },
    ],
  },
  // Groups never grant owner (the schema refuses it).
  linkGroup: {
    action: linkGroup,
    cases: NON_OWNER_ROLES.map((role) => ({
      variant: `as ${role}`,
      permission: "members:manage" as const,
      allows: (actor: Role) => canAssignRole(actor, null, role),
      prepare: async (w: World) => () => actAs(w.caller, linkGroup, { projectId: w.project.id, groupPath: groupPath(), role }),
    })),
  },
  unlinkGroup: {
    action: unlinkGroup,
    cases: NON_OWNER_ROLES.map((role) => ({
      variant: `${role} group`,
      permission: "members:manage" as const,
      allows: (actor: Role) => canAssignRole(actor, role, null),
      prepare: async (w: World) => {
        const { id } = await linkGroupAs({ userId: w.founder.id, ip, projectId: w.project.id, groupPath: groupPath(), role });
        return () => actAs(w.caller, unlinkGroup, { projectId: w.project.id, linkId: id });
      },
    })),
  },
  createWebhookEndpoint: {
    action: createWebhookEndpoint,
    cases: [
      {
        permission: "webhooks:manage",
        prepare: async (w) => () =>
          actAs(w.caller, createWebhookEndpoint, { projectId: w.project.id, url: HOOK_URL, description: "", eventTypes: ["key.created"], idempotencyKey: randomUUID() }),
      },
    ],
  },
  updateWebhookEndpoint: {
    action: updateWebhookEndpoint,
    ...onEndpoint((w, endpointId) => actAs(w.caller, updateWebhookEndpoint, { projectId: w.project.id, endpointId, url: `${HOOK_URL}/2`, description: "changed", eventTypes: ["key.revoked"] })),
  },
  setWebhookEndpointEnabled: {
    action: setWebhookEndpointEnabled,
    ...onEndpoint((w, endpointId) => actAs(w.caller, setWebhookEndpointEnabled, { projectId: w.project.id, endpointId, enabled: false })),
  },
  rotateWebhookSecret: {
    action: rotateWebhookSecret,
    ...onEndpoint((w, endpointId) => actAs(w.caller, rotateWebhookSecret, { projectId: w.project.id, endpointId, overlap: "1h" })),
  },
  deleteWebhookEndpoint: {
    action: deleteWebhookEndpoint,
    ...onEndpoint((w, endpointId) => actAs(w.caller, deleteWebhookEndpoint, { projectId: w.project.id, endpointId })),
  },
  sendTestWebhook: {
    action: sendTestWebhook,
    ...onEndpoint((w, endpointId) => actAs(w.caller, sendTestWebhook, { projectId: w.project.id, endpointId })),
  },
  resendWebhook: {
    action: resendWebhook,
    cases: [
      {
        permission: "webhooks:manage",
        prepare: async (w) => {
          const { id } = await founderEndpoint(w);
          const { deliveryId } = await sendTestAs({ userId: w.founder.id, ip, projectId: w.project.id, endpointId: id });
          return () => actAs(w.caller, resendWebhook, { projectId: w.project.id, deliveryId });
        },
      },
    ],
  },
};

/** The lib function behind each project-scoped route handler (and page read), by where it is served. */
const READS: Record<string, { source: string } & MatrixCase> = {
  listKeys: {
    source: "app/api/projects/[projectId]/keys/route.ts",
    permission: "keys:read",
    readOnly: true,
    prepare: async (w) => {
      await founderKey(w, "live");
      return () => listKeys({ userId: w.caller.id, projectId: w.project.id, query: listKeysQuery.parse({}) });
    },
  },
  embedSettings: {
    source: "app/api/projects/[projectId]/embed/route.ts",
    permission: "project:read",
    readOnly: true,
    prepare: async (w) => () => embedSettings({ userId: w.caller.id, projectId: w.project.id }),
  },
  usageSeries: {
    source: "app/api/projects/[projectId]/usage/series/route.ts",
    permission: "project:read",
    readOnly: true,
    prepare: async (w) => () => usageSeries({ userId: w.caller.id, projectId: w.project.id, ...usageSeriesQuery.parse({}) }),
  },
  usageExport: {
    source: "app/api/projects/[projectId]/usage/export/route.ts",
    permission: "project:read",
    readOnly: true,
    prepare: async (w) => () => usageExport({ userId: w.caller.id, projectId: w.project.id, range: "7d", tz: "UTC", keyId: null }),
  },
  usageSummary: {
    source: "app/api/projects/[projectId]/usage/summary/route.ts",
    permission: "project:read",
    readOnly: true,
    prepare: async (w) => () => usageSummary({ userId: w.caller.id, projectId: w.project.id, timeZone: "UTC" }),
  },
  listActivity: {
    source: "app/(dashboard)/projects/[slug]/activity/page.tsx",
    permission: "activity:read",
    readOnly: true,
    prepare: async (w) => () => listActivity({ userId: w.caller.id, projectId: w.project.id }),
  },
  listWebhookEndpoints: {
    source: "app/api/projects/[projectId]/webhooks/route.ts",
    permission: "webhooks:read",
    readOnly: true,
    prepare: async (w) => {
      await founderEndpoint(w);
      return () => listWebhookEndpoints({ userId: w.caller.id, projectId: w.project.id });
    },
  },
  listWebhookAttempts: {
    source: "app/api/projects/[projectId]/webhooks/attempts/route.ts",
    permission: "webhooks:read",
    readOnly: true,
    prepare: async (w) => {
      const { id } = await founderEndpoint(w);
      return () => listWebhookAttempts({ userId: w.caller.id, projectId: w.project.id, endpointId: id });
    },
  },
  getTeam: {
    source: "app/(dashboard)/projects/[slug]/members/page.tsx",
    permission: "members:read",
    readOnly: true,
    prepare: async (w) => () => getTeam({ userId: w.caller.id, projectId: w.project.id }),
  },
};

/** Route handlers that are not project-role-scoped, and why. */
const OTHER_ROUTES: Record<string, string> = {
  "app/api/projects/route.ts": "listProjects: the caller's own projects (tested below)",
  "app/api/notifications/route.ts": "listNotifications: the events of the caller's own projects (lib/notifications/feed.int.test.ts)",
  "app/api/auth/[...nextauth]/route.ts": "sign-in",
  "app/auth/sign-out/route.ts": "sign-out",
  "app/auth/backchannel-logout/route.ts": "the identity provider's logout token",
  "app/embed/[publishableKey]/route.ts": "the embed widget: a publishable key and a signed session token, no dashboard session",
  "app/embed/fonts/geist-sans.woff2/route.ts": "the embed widget's font: a public static file",
};

const root = fileURLToPath(new URL("../../", import.meta.url));

function routeFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return routeFiles(relative);
    return entry.name === "route.ts" ? [relative] : [];
  });
}

describe("the role table", () => {
  // The matrix below takes its expectations from the same table the server
  // enforces, so it cannot notice a wrong line in the table itself: this pins
  // the table, and a deliberate change is re-recorded (vitest -u) in review.
  it("is the one reviewed", () => {
    const grid = Object.fromEntries(Object.keys(PERMISSIONS).map((p) => [p, ROLES.filter((r) => can(r, p as Permission)).join(" ")]));
    expect(grid).toMatchInlineSnapshot(`
      {
        "activity:read": "owner admin developer viewer",
        "embed:write": "owner admin",
        "keys:leak-policy": "owner admin",
        "keys:read": "owner admin developer viewer",
        "keys:write:any-live": "owner admin",
        "keys:write:own-live": "owner admin developer",
        "keys:write:test": "owner admin developer",
        "members:manage": "owner admin",
        "members:read": "owner admin developer viewer",
        "owners:manage": "owner",
        "project:delete": "owner",
        "project:read": "owner admin developer viewer",
        "project:update": "owner admin",
        "webhooks:manage": "owner admin",
        "webhooks:read": "owner admin developer viewer",
      }
    `);
  });
});

describe("the matrix covers", () => {
  it("every export of every file in lib/actions", async () => {
    const files = readdirSync(path.join(root, "lib/actions")).filter((f) => f.endsWith(".ts") && f !== "safe-action.ts" && !f.includes(".test."));
    const exported: Record<string, unknown> = {};
    for (const file of files) Object.assign(exported, await import(path.join(root, "lib/actions", file)));
    expect(Object.keys(ACTIONS).sort()).toEqual(Object.keys(exported).sort());
    for (const [name, entry] of Object.entries(ACTIONS)) expect(entry.action, name).toBe(exported[name]);
  });

  it("every route handler", () => {
    const reads = Object.values(READS).map((r) => r.source);
    expect(routeFiles("app").sort()).toEqual([...reads.filter((s) => s.endsWith("route.ts")), ...Object.keys(OTHER_ROUTES)].sort());
  });
});

type Outcome = "allowed" | "forbidden" | "not_found";

const rows = [
  ...Object.entries(ACTIONS).flatMap(([name, entry]) => ("cases" in entry ? entry.cases.map((c) => ({ name, ...c })) : [])),
  ...Object.entries(READS).map(([name, c]) => ({ name, ...c })),
].flatMap((c) =>
  CALLERS.map((as) => {
    const expected: Outcome = as === "non-member" ? "not_found" : (c.allows ?? ((r: Role) => can(r, c.permission)))(as) ? "allowed" : "forbidden";
    return { title: `${c.name}${c.variant ? ` (${c.variant})` : ""} as ${as} → ${expected}`, c, as, expected };
  }),
);

type Membershipish = { userId: string; lastActiveAt?: unknown };

/**
 * The factories' snapshot, plus every membership's last_active_at, which it
 * may leave out as a mere trace of reading: a refused call moves nothing, that included.
 */
async function everything() {
  const [rows, lastActive] = await Promise.all([
    snapshot(),
    db.membership.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, lastActiveAt: true } }),
  ]);
  return JSON.stringify({ rows: JSON.parse(rows), lastActive });
}

/** `everything()` without the caller's last_active_at, which an allowed call may move (throttled). */
function withoutLastActive(state: string, userId: string) {
  const parsed = JSON.parse(state) as { rows: { memberships: Membershipish[] }; lastActive: Membershipish[] };
  for (const m of [...parsed.rows.memberships, ...parsed.lastActive]) if (m.userId === userId) delete m.lastActiveAt;
  return JSON.stringify(parsed);
}

describe("role × action matrix", () => {
  // One named test per case ("revokeKey (someone else's live key) as developer → forbidden").
  for (const { title, c, as, expected } of rows) it(title, async () => {
    const w = await world(as);
    const call = await c.prepare(w);
    const before = await everything();
    if (expected === "allowed") {
      await call();
      if (c.readOnly) expect(withoutLastActive(await everything(), w.caller.id)).toBe(withoutLastActive(before, w.caller.id));
    } else {
      expect(await appErrorCode(call())).toBe(expected);
      expect(await everything()).toBe(before);
    }
  });
});

describe("not project-role-scoped", () => {
  it.each(CALLERS)("createProject as %s of another project → allowed, and the creator is the new project's owner", async (as) => {
    const w = await world(as);
    const created = await actAs(w.caller, createProject, { name: "Matrix side project", idempotencyKey: randomUUID() });
    projectsMade.push(created.id);
    const memberships = await db.membership.findMany({ where: { projectId: created.id } });
    expect(memberships).toMatchObject([{ userId: w.caller.id, role: "owner", directRole: "owner" }]);
  });

  it.each(CALLERS)("listProjects (GET /api/projects) as %s → the project only to its members, with their role", async (as) => {
    const w = await world(as);
    const listed = (await listProjects({ userId: w.caller.id })).find((p) => p.id === w.project.id);
    expect(listed?.role ?? "non-member").toBe(as);
  });

  const responders = [...CALLERS, "user without a verified address"] as const;
  const respond: ActionNamed<{ token: string }>[] = [["acceptInvitation", acceptInvitation], ["declineInvitation", declineInvitation]];
  for (const [name, action] of respond) {
    it(`${name} as the invited verified address → allowed`, async () => {
      const w = await world("non-member");
      const invitee = await createUser("Invitee");
      const { link } = await inviteAs({ userId: w.founder.id, ip, projectId: w.project.id, email: invitee.email!, role: "developer" });
      await actAs(invitee, action, { token: tokenOf(link) });
      const joined = await db.membership.findUnique({ where: { projectId_userId: { projectId: w.project.id, userId: invitee.id } } });
      expect(joined?.role ?? null).toBe(name === "acceptInvitation" ? "developer" : null);
    });

    it.each(responders)(`${name} of someone else's invitation as %s → forbidden`, async (as) => {
      const w = await world(as === "user without a verified address" ? "non-member" : as);
      const caller = as === "user without a verified address" ? await db.user.create({ data: { name: "No email", email: null } }) : w.caller;
      const { link } = await inviteAs({ userId: w.founder.id, ip, projectId: w.project.id, email: `${randomUUID()}@example.test`, role: "developer" });
      const before = await everything();
      expect(await appErrorCode(actAs(caller, action, { token: tokenOf(link) }))).toBe("forbidden");
      expect(await everything()).toBe(before);
    });
  }
});
