import { MAX_COST, MAX_ENDPOINT_LENGTH, MAX_PERMISSIONS_QUERY_LENGTH, MAX_QUERY_DEPTH, MAX_QUERY_TERMS } from "./verify-limits";
import { API_MESSAGES, missingPermissionsMessage, wrongEnvironmentMessage } from "./api-messages";
import { parsePermissionQuery } from "../keys/permission-query";
import { MAX_ALLOWLIST_ENTRIES } from "../keys/ip-allowlist";
import { errorBody, type ErrorCode } from "../errors";
import { PLAN_LIMITS, SANDBOX_KEYS_PER_IP, SANDBOX_UNIT_CAP } from "../plans/plans";
import { EMBED_TTL, TTL_TOO_LONG } from "../embed/schemas";
import { webhooksDocument } from "./webhooks";
import { MAX_LEAK_TOKENS_PER_REQUEST, SECRET_SCANNING_BODY_LIMIT_KIB } from "./api-messages";

// The /api/v1 contract as an OpenAPI 3.1 document: served by the service at
// /api/v1/openapi.json and imported by the dashboard's docs page. Pure data,
// no framework import, so a Next.js page can import it. Descriptions are
// Markdown (CommonMark's inline code, emphasis, links and lists), as OpenAPI
// defines them.

const retryAfter = {
  "Retry-After": { description: "Seconds until a retry can succeed.", schema: { type: "integer", minimum: 1 } },
};

type ErrorExample = { summary: string; value: { error: ReturnType<typeof errorBody>["error"] & { missing_permissions?: string[] } } };

/**
 * A body the service really sends: built by the function it writes its errors
 * with (lib/errors.ts), from the sentences it sends (api-messages.ts), so an
 * example cannot drift from the answer (server/error-examples.int.test.ts).
 */
const example = (summary: string, code: ErrorCode, message?: string): ErrorExample => ({ summary, value: errorBody(code, message) });

/** An error response: `description` says when it happens, `examples` are the exact bodies. */
const errorResponse = (description: string, examples: Record<string, ErrorExample>) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" }, examples } },
});

const unauthenticated = (description: string) =>
  errorResponse(description, {
    missing_authorization: example("No `Authorization: Bearer` header.", "missing_authorization"),
    invalid_credentials: example("Any key that cannot be used; the same body whatever the reason.", "invalid_credentials"),
  });

const rateLimited = {
  ...errorResponse(
    "Too many requests per second for this key, or too many unknown keys from this client address (as for `POST /api/v1/verify`). " +
      "A refused request is not counted.",
    {
      rate_limited: example("The key's requests per second are used up.", "rate_limited"),
      unknown_keys: example("This client address sent too many keys that do not exist.", "rate_limited", API_MESSAGES.unknownKeysFromClient),
    },
  ),
  headers: retryAfter,
};

const unavailable = (description: string) => ({
  ...errorResponse(description, { service_unavailable: example("The database cannot be reached.", "service_unavailable") }),
  headers: retryAfter,
});

const leakBody = {
  required: true,
  content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/LeakReport" }, minItems: 1, maxItems: MAX_LEAK_TOKENS_PER_REQUEST } } },
};

const leakResponses = (signature: string) => ({
  "200": {
    description: "One entry per token, in the order received. Each key found was handled by its project's leak policy before this answer (a revocation: on every API instance).",
    content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/LeakFeedback" } } } },
  },
  "400": errorResponse("The verified body is not a batch of reports.", {
    not_json: example("Not JSON.", "invalid_request", API_MESSAGES.leakPayloadNotJson),
    shape: example("Not a non-empty array of reports.", "invalid_request", API_MESSAGES.leakPayloadShape),
    too_many: example(`More than ${MAX_LEAK_TOKENS_PER_REQUEST} tokens.`, "invalid_request", API_MESSAGES.leakPayloadTooMany),
  }),
  "401": errorResponse(signature, { invalid_signature: example("Unsigned, wrongly signed or stale.", "invalid_signature") }),
  "409": errorResponse("This exact signed body was handled before (kept 90 days): a replay changes nothing.", { replayed: example("A replayed body.", "replayed") }),
  "413": errorResponse(`The body is larger than ${SECRET_SCANNING_BODY_LIMIT_KIB} KiB.`, {
    payload_too_large: example(`A body over ${SECRET_SCANNING_BODY_LIMIT_KIB} KiB.`, "payload_too_large", API_MESSAGES.secretScanningTooLarge),
  }),
});

const leakNote =
  " Answers `404 not_found` when the operator has not configured it, and `503 service_unavailable` (with `Retry-After`) while the database, " +
  "or for GitHub its public keys, cannot be reached. See docs/SECURITY.md.";

/** The malformed query the docs show, and the sentence the service answers it with (from the same parser). */
export const MALFORMED_QUERY_EXAMPLE = "charges.write AND (refunds.read OR";
const malformedQuery = parsePermissionQuery(MALFORMED_QUERY_EXAMPLE);
const malformedQueryMessage = malformedQuery.ok ? "" : malformedQuery.message;

const bearer = [{ bearerKey: [] }];
const ENVIRONMENT = { type: "string", enum: ["live", "test", "sandbox"] } as const;

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Keydeck verification API",
    version: "1.0.0",
    description:
      "Your API forwards each incoming request's `Authorization` header to `POST /api/v1/verify`; Keydeck answers whether " +
      "the key is valid, counts the request's cost against the project's quota, and enforces the key's rate limit. " +
      `Plans: free ${PLAN_LIMITS.free.monthlyUnits} units a month and ${PLAN_LIMITS.free.rps} requests/s per key; ` +
      `pro ${PLAN_LIMITS.pro.monthlyUnits} units and ${PLAN_LIMITS.pro.rps}/s; custom limits set by the operator. ` +
      "Quota periods are UTC calendar months. Every error has the body `{\"error\": {\"code\", \"message\"}}`. " +
      "A key may carry a policy, checked in this order after the key itself: its environment (when the request pins one with `environment`), " +
      "its IP allowlist (against `client_ip`), its permissions (against the `permissions` query), its own rate limit, and its credits.",
  },
  servers: [{ url: "/", description: "The Keydeck API service (API_BASE_URL)" }],
  components: {
    securitySchemes: {
      bearerKey: {
        type: "http",
        scheme: "bearer",
        description: "A Keydeck API key: `<prefix>_<live|test|sandbox>_<36 base62 characters>`, the last 6 a checksum.",
      },
    },
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            description: "What went wrong.",
            required: ["code", "message"],
            properties: {
              code: {
                type: "string",
                description: "The kind of refusal, one of a closed set: branch on this.",
                enum: [
                  "missing_authorization",
                  "invalid_credentials",
                  "invalid_request",
                  "forbidden",
                  "wrong_environment",
                  "ip_not_allowed",
                  "insufficient_permissions",
                  "quota_exceeded",
                  "rate_limited",
                  "payload_too_large",
                  "not_found",
                  "invalid_signature",
                  "replayed",
                  "service_unavailable",
                  "internal",
                ],
              },
              message: { type: "string", description: "A sentence for people; do not parse it." },
              missing_permissions: {
                type: "array",
                items: { type: "string" },
                description: "Only with `insufficient_permissions`: the names the key lacks (for a failed `OR`, every alternative's).",
              },
            },
          },
        },
      },
      Quota: {
        type: "object",
        required: ["limit", "used", "remaining", "period_end"],
        properties: {
          limit: { type: "integer", description: `Units the period allows: the project's plan, a test key's own quota if the operator set one, a sandbox key's ${SANDBOX_UNIT_CAP}.` },
          used: { type: "integer", description: "Units used in the period, including this request's cost." },
          remaining: { type: "integer", description: "Units left: `limit` minus `used`." },
          period_end: { type: "string", format: "date-time", description: "When the quota resets (a sandbox key: when it expires)." },
        },
      },
      VerifyRequest: {
        type: "object",
        properties: {
          cost: { type: "integer", minimum: 0, maximum: MAX_COST, default: 1, description: "Units this request uses." },
          endpoint: { type: "string", maxLength: MAX_ENDPOINT_LENGTH, description: "Your endpoint's name, for your own records." },
          project_id: {
            type: "string",
            description: "The project that owns the resource your API is about to serve; 403 if it is not the key's project.",
          },
          environment: {
            ...ENVIRONMENT,
            description:
              "The environment this request requires: a key of another environment gets 403 `wrong_environment`. " +
              'Send `"live"` from production to keep test keys out of it: a leaked or misconfigured test key then never passes there.',
          },
          client_ip: {
            type: "string",
            maxLength: 64,
            description:
              "The address your API saw the request come from (IPv4 in four decimal parts, or IPv6; an IPv4-mapped IPv6 address counts as its IPv4 address). " +
              `A key with an IP allowlist (up to ${MAX_ALLOWLIST_ENTRIES} CIDRs) needs it: outside the list, or missing, is 403 \`ip_not_allowed\`.`,
          },
          permissions: {
            type: "string",
            maxLength: MAX_PERMISSIONS_QUERY_LENGTH,
            description:
              "The permissions this request requires, as a query: names joined by `AND` and `OR` (upper case; `AND` binds tighter), with parentheses, " +
              "e.g. `charges.write AND (refunds.read OR refunds.write)`. " +
              `At most ${MAX_QUERY_TERMS} names and ${MAX_QUERY_DEPTH} levels of parentheses; a malformed query is 400 \`invalid_request\` saying at which character. ` +
              "A key lacking them gets 403 `insufficient_permissions` with `missing_permissions`. A key holds every permission its project defines unless it was given a set; " +
              "a granted wildcard (`charges.*`) covers every project name it matches.",
          },
        },
        additionalProperties: true,
      },
      Credits: {
        type: "object",
        required: ["limit", "remaining", "refills_at"],
        properties: {
          limit: { type: "integer", description: "Units the key's current credit period allows." },
          remaining: { type: "integer", description: "Units left after this request." },
          refills_at: {
            type: ["string", "null"],
            format: "date-time",
            description: "When the credits refill (the next UTC day or month), or null when they do not.",
          },
        },
      },
      VerifyResponse: {
        type: "object",
        required: ["valid", "project_id", "key_id", "environment", "quota", "embed_enabled", "permissions"],
        properties: {
          valid: { const: true, description: "Always `true`: a refused key gets an error status, never a 200." },
          project_id: { type: "string", description: "The project the key belongs to." },
          key_id: { type: "string", description: "The key's id, as the dashboard and the usage report show it; never the key itself." },
          environment: { ...ENVIRONMENT, description: "The key's environment (see *Key environments*)." },
          quota: { $ref: "#/components/schemas/Quota", description: "The project's quota after this request." },
          embed_enabled: { type: "boolean", description: "Whether embed mode is on for the project." },
          permissions: {
            type: "array",
            items: { type: "string" },
            description: "The project's permission names this key holds, sorted (wildcards expanded).",
          },
          credits: { $ref: "#/components/schemas/Credits", description: "Only for a key with credits: its balance after this request." },
        },
      },
      UsageResponse: {
        type: "object",
        required: ["project_id", "environment", "period", "quota", "days", "keys"],
        properties: {
          project_id: { type: "string", description: "The key's project." },
          environment: { ...ENVIRONMENT, description: "The calling key's environment." },
          period: {
            type: "object",
            description: "The current UTC calendar month.",
            properties: {
              start: { type: "string", format: "date-time", description: "The period's first instant." },
              end: { type: "string", format: "date-time", description: "The instant after the period's last, when the next one starts." },
            },
          },
          quota: { $ref: "#/components/schemas/Quota", description: "The project's quota now, including requests not yet in `days`." },
          days: {
            type: "array",
            description: "Per UTC day of the period. From flushed counts: up to a second behind `quota`.",
            items: {
              type: "object",
              properties: {
                date: { type: "string", format: "date", description: "The UTC day." },
                units: { type: "integer", description: "Units counted that day (the sum of the accepted requests' `cost`)." },
                requests: { type: "integer", description: "Requests accepted that day." },
                refused: {
                  type: "object",
                  description: "Requests refused that day, by reason; refused requests use no units.",
                  properties: {
                    unauthorized: { type: "integer", description: "Refused with 401 after the key was found: revoked, expired or a spent sandbox key." },
                    quota: { type: "integer", description: "Refused with 429 `quota_exceeded`." },
                    rate: { type: "integer", description: "Refused with 429 `rate_limited`." },
                  },
                },
              },
            },
          },
          keys: {
            type: "array",
            description: "Per key, by units; a sandbox key sees only itself.",
            items: {
              type: "object",
              properties: {
                key_id: { type: "string", description: "The key's id." },
                hint: { type: "string", description: "The masked key, e.g. `kd_live_AbCd…wxyz`." },
                environment: { ...ENVIRONMENT, description: "The key's environment." },
                units: { type: "integer", description: "Units the key used in the period (flushed counts)." },
                requests: { type: "integer", description: "Requests the key made that were accepted in the period." },
              },
            },
          },
        },
      },
      EmbedSessionRequest: {
        type: "object",
        properties: {
          external_user_id: { type: "string", minLength: 1, maxLength: 200, description: "Your user's id, carried in the token as `ext`." },
          ttl_seconds: {
            type: "integer",
            minimum: EMBED_TTL.min,
            maximum: EMBED_TTL.max,
            default: EMBED_TTL.default,
            description: "How long the token can be opened, in seconds.",
          },
        },
        additionalProperties: false,
      },
      EmbedSession: {
        type: "object",
        required: ["session_token", "expires_at"],
        properties: {
          session_token: {
            type: "string",
            description:
              "A JWT (HS256, signed with the project's embed signing secret) with `sub` (project id), `pk` (publishable key), `ext`, `iat`, `exp` and a unique `jti`. " +
              "Put it in the iframe's URL: `<dashboard>/embed/<publishable key>?session=<token>`. It can be opened once.",
          },
          expires_at: { type: "string", format: "date-time", description: "When the token stops opening the widget (`exp`)." },
        },
      },
      LeakReport: {
        type: "object",
        required: ["token", "type"],
        properties: {
          token: { type: "string", description: "The string the scanner found (GitHub's `token`)." },
          type: { type: "string", description: "The scanner's name for the pattern that matched; echoed back as `token_type`." },
          url: { type: "string", description: "Where it was found (may be empty); a key is handled once per address." },
          source: { type: "string", description: "What kind of place it was found in, e.g. `content`, `commit`, `npm` (GitHub's `source`)." },
        },
      },
      LeakFeedback: {
        type: "object",
        required: ["token_hash", "token_type", "label"],
        properties: {
          token_hash: { type: "string", description: "SHA-256 (hex) of the token: what Keydeck stores for its keys." },
          token_type: { type: "string", description: "The report's `type`." },
          label: {
            type: "string",
            enum: ["true_positive", "false_positive"],
            description: "`true_positive`: a key this Keydeck issued (active, expired or revoked). `false_positive`: anything else, unknown and malformed alike.",
          },
        },
      },
      SandboxKey: {
        type: "object",
        required: ["api_key", "expires_at", "pages_remaining"],
        properties: {
          api_key: { type: "string", example: "kd_sandbox_…", description: "The new key, shown only in this response. Use it as `Authorization: Bearer <api_key>`." },
          expires_at: { type: "string", format: "date-time", description: "When the key stops working: 24 hours from now, unless its units run out first." },
          pages_remaining: { type: "integer", example: SANDBOX_UNIT_CAP, description: "Units the key may still use." },
        },
      },
    },
  },
  paths: {
    "/api/v1/verify": {
      post: {
        operationId: "verifyKey",
        summary: "Verify a key, count its usage, enforce quota and rate limits",
        security: bearer,
        requestBody: { required: false, content: { "application/json": { schema: { $ref: "#/components/schemas/VerifyRequest" } } } },
        responses: {
          "200": { description: "The key is valid; the cost was counted.", content: { "application/json": { schema: { $ref: "#/components/schemas/VerifyResponse" } } } },
          "400": errorResponse("The body is not JSON, not an object, or a field is out of range. Nothing is counted.", {
            cost: example("`cost` out of range.", "invalid_request", API_MESSAGES.cost),
            not_json: example("A body that does not parse.", "invalid_request", API_MESSAGES.notJson),
            permissions: example(`A malformed \`permissions\` query: \`${MALFORMED_QUERY_EXAMPLE}\`.`, "invalid_request", malformedQueryMessage),
            client_ip: example("`client_ip` that is not an address.", "invalid_request", API_MESSAGES.clientIp),
          }),
          "401": {
            ...unauthenticated(
              "No Bearer key (`missing_authorization`), or a key that is malformed, has a bad checksum, is unknown, revoked or expired, " +
                `or a sandbox key past its 24 hours or ${SANDBOX_UNIT_CAP} units (\`invalid_credentials\`, the same body for all).`,
            ),
            headers: { "WWW-Authenticate": { schema: { type: "string" }, description: "`Bearer`, with `error=\"invalid_token\"` for a key that cannot be used." } },
          },
          "403": errorResponse(
            "`project_id` names a project that is not the key's (`forbidden`), or the key's policy refuses the request, checked in this order: " +
              "`environment` names another environment (`wrong_environment`); the key has an IP allowlist and `client_ip` is outside it or missing (`ip_not_allowed`); " +
              "the key lacks what `permissions` requires (`insufficient_permissions`, listing `missing_permissions`). Nothing is counted.",
            {
              forbidden: example("Another project's resource.", "forbidden", API_MESSAGES.foreignProject),
              wrong_environment: example('A test key, and `"environment": "live"`.', "wrong_environment", wrongEnvironmentMessage("test", "live")),
              ip_not_allowed: example("`client_ip` outside the key's allowlist.", "ip_not_allowed", API_MESSAGES.ipNotAllowed),
              client_ip_required: example("A key with an allowlist, and no `client_ip`.", "ip_not_allowed", API_MESSAGES.clientIpRequired),
              insufficient_permissions: {
                summary: "The key holds `charges.write` but not `refunds.read`; the query was `charges.write AND refunds.read`.",
                value: { error: { ...errorBody("insufficient_permissions", missingPermissionsMessage(["refunds.read"])).error, missing_permissions: ["refunds.read"] } },
              },
            },
          ),
          "413": errorResponse("The request body is larger than 64 KiB.", { payload_too_large: example("A body over 64 KiB.", "payload_too_large") }),
          "429": {
            ...errorResponse(
              "The period's units are used up, or the key's credits (`quota_exceeded`, `Retry-After` until the period ends or the credits refill; none for credits that do not refill), " +
                "or too many requests: per second for this key (its own rate limit when it has one, else the plan's), " +
                "or unknown keys from this client address (`rate_limited`). Lookups that find no key have a budget per address: " +
                "`AUTH_FAILURE_BURST` at once, `AUTH_FAILURES_PER_SECOND` after; past it a key the service has not already looked up gets 429 until `Retry-After`. " +
                "A refused request is not counted.",
              {
                quota_exceeded: example("The period's units are used up.", "quota_exceeded"),
                credits_spent: example("The key's credits are used up and do not refill.", "quota_exceeded", API_MESSAGES.creditsSpent),
                rate_limited: example("The key's requests per second are used up.", "rate_limited"),
                unknown_keys: example("This client address sent too many keys that do not exist.", "rate_limited", API_MESSAGES.unknownKeysFromClient),
              },
            ),
            headers: retryAfter,
          },
          "503": unavailable("The database cannot be reached and the answer is not safely known; never a 200."),
        },
      },
    },
    "/api/v1/usage": {
      get: {
        operationId: "getUsage",
        summary: "The key's project usage in the current period, per day and per key",
        security: bearer,
        responses: {
          "200": { description: "Usage.", content: { "application/json": { schema: { $ref: "#/components/schemas/UsageResponse" } } } },
          "401": unauthenticated("As for `POST /api/v1/verify`."),
          "429": rateLimited,
          "503": unavailable("The database cannot be reached."),
        },
      },
    },
    "/api/v1/embed/sessions": {
      post: {
        operationId: "createEmbedSession",
        summary: "A session token for the project's embeddable usage widget",
        description:
          "Call it from your server with one of the project's secret API keys (never from a browser) each time you show the embed. " +
          "Embed mode must be on for the project; the publishable key alone is not accepted.",
        security: bearer,
        requestBody: { required: false, content: { "application/json": { schema: { $ref: "#/components/schemas/EmbedSessionRequest" } } } },
        responses: {
          "201": { description: "A new session.", content: { "application/json": { schema: { $ref: "#/components/schemas/EmbedSession" } } } },
          "400": errorResponse("A field is out of range or of the wrong type, an unknown field, or a body that is not a JSON object.", {
            ttl_seconds: example("`ttl_seconds` too long.", "invalid_request", TTL_TOO_LONG),
          }),
          "401": unauthenticated("Not a valid secret API key, or embed mode is off for the key's project (`invalid_credentials`, as for a bad key)."),
          "429": rateLimited,
          "503": unavailable("The database cannot be reached."),
        },
      },
    },
    "/api/v1/sandbox/key": {
      post: {
        operationId: "createSandboxKey",
        summary: "An anonymous sandbox key to try the product",
        description:
          `No authentication. The key lives 24 hours or ${SANDBOX_UNIT_CAP} units, whichever ends first, then gets 401 everywhere. ` +
          `At most ${SANDBOX_KEYS_PER_IP} keys per client address (IPv6: per /64) per 24 hours.`,
        security: [],
        responses: {
          "200": { description: "A new sandbox key.", content: { "application/json": { schema: { $ref: "#/components/schemas/SandboxKey" } } } },
          "429": {
            ...errorResponse(`This address has minted ${SANDBOX_KEYS_PER_IP} sandbox keys in the last 24 hours; \`Retry-After\` says when the oldest ages out.`, {
              rate_limited: example("The address's sandbox keys for the day are used up.", "rate_limited", API_MESSAGES.sandboxCap),
            }),
            headers: retryAfter,
          },
          "503": unavailable("The database cannot be reached."),
        },
      },
    },
    "/api/v1/secret-scanning/github": {
      post: {
        operationId: "reportLeakedKeysGithub",
        summary: "GitHub's secret-scanning partner alerts",
        description:
          "For GitHub only: the body is signed with ECDSA P-256 / SHA-256 by a key from GitHub's published list " +
          "(`Github-Public-Key-Identifier`, `Github-Public-Key-Signature`: base64 DER), verified over the raw bytes." +
          leakNote,
        security: [],
        parameters: [
          { name: "Github-Public-Key-Identifier", in: "header", required: true, schema: { type: "string" }, description: "Which of GitHub's keys signed the body." },
          { name: "Github-Public-Key-Signature", in: "header", required: true, schema: { type: "string" }, description: "The signature over the raw body, base64 DER." },
        ],
        requestBody: leakBody,
        responses: leakResponses("No signature headers, a key id GitHub does not publish, or a signature that does not verify over these exact bytes."),
      },
    },
    "/api/v1/secret-scanning/report": {
      post: {
        operationId: "reportLeakedKeys",
        summary: "Leak reports from the operator's own scanners",
        description:
          "The same batch and answer as the GitHub endpoint, signed with `SECRET_SCANNING_HMAC_SECRET`: " +
          "`Keydeck-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">`, accepted within 300 seconds of `t`." +
          leakNote,
        security: [],
        parameters: [
          { name: "Keydeck-Signature", in: "header", required: true, schema: { type: "string" }, description: "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">`." },
        ],
        requestBody: leakBody,
        responses: leakResponses("No `Keydeck-Signature`, a signature that does not verify, or a timestamp more than 300 seconds away."),
      },
    },
    "/api/v1/openapi.json": {
      get: { operationId: "getOpenApi", summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1" } } },
    },
  },
  // What Keydeck POSTs to a project's webhook endpoints (docs/webhooks.md).
  webhooks: webhooksDocument(),
} as const;
