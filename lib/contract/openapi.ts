import { MAX_COST, MAX_ENDPOINT_LENGTH } from "./verify-limits";
import { PLAN_LIMITS, SANDBOX_KEYS_PER_IP, SANDBOX_UNIT_CAP } from "../plans/plans";
import { EMBED_TTL } from "../embed/schemas";

// The /api/v1 contract as an OpenAPI 3.1 document: served by the service at
// /api/v1/openapi.json and imported by the dashboard's docs page. Pure data,
// no framework import, so a Next.js page can import it.

const errorBody = (code: string, example: string) => ({
  description: example,
  content: {
    "application/json": {
      schema: { $ref: "#/components/schemas/Error" },
      example: { error: { code, message: example } },
    },
  },
});

const retryAfter = {
  "Retry-After": { description: "Seconds until a retry can succeed.", schema: { type: "integer", minimum: 1 } },
};

const bearer = [{ bearerKey: [] }];

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
      "Quota periods are UTC calendar months. Every error has the body `{\"error\": {\"code\", \"message\"}}`.",
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
            required: ["code", "message"],
            properties: {
              code: {
                type: "string",
                enum: [
                  "missing_authorization",
                  "invalid_credentials",
                  "invalid_request",
                  "forbidden",
                  "quota_exceeded",
                  "rate_limited",
                  "payload_too_large",
                  "not_found",
                  "service_unavailable",
                  "internal",
                ],
              },
              message: { type: "string", description: "A sentence for people; do not parse it." },
            },
          },
        },
      },
      Quota: {
        type: "object",
        required: ["limit", "used", "remaining", "period_end"],
        properties: {
          limit: { type: "integer" },
          used: { type: "integer", description: "Units used in the period, including this request's cost." },
          remaining: { type: "integer" },
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
        },
        additionalProperties: true,
      },
      VerifyResponse: {
        type: "object",
        required: ["valid", "project_id", "key_id", "environment", "quota", "embed_enabled"],
        properties: {
          valid: { const: true },
          project_id: { type: "string" },
          key_id: { type: "string" },
          environment: { type: "string", enum: ["live", "test", "sandbox"] },
          quota: { $ref: "#/components/schemas/Quota" },
          embed_enabled: { type: "boolean" },
        },
      },
      UsageResponse: {
        type: "object",
        required: ["project_id", "environment", "period", "quota", "days", "keys"],
        properties: {
          project_id: { type: "string" },
          environment: { type: "string", enum: ["live", "test", "sandbox"] },
          period: {
            type: "object",
            properties: { start: { type: "string", format: "date-time" }, end: { type: "string", format: "date-time" } },
          },
          quota: { $ref: "#/components/schemas/Quota" },
          days: {
            type: "array",
            description: "Per UTC day of the period. From flushed counts: up to a second behind `quota`.",
            items: {
              type: "object",
              properties: {
                date: { type: "string", format: "date" },
                units: { type: "integer" },
                requests: { type: "integer" },
                refused: {
                  type: "object",
                  properties: { unauthorized: { type: "integer" }, quota: { type: "integer" }, rate: { type: "integer" } },
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
                key_id: { type: "string" },
                hint: { type: "string", description: "The masked key, e.g. kd_live_AbCd…wxyz." },
                environment: { type: "string", enum: ["live", "test", "sandbox"] },
                units: { type: "integer" },
                requests: { type: "integer" },
              },
            },
          },
        },
      },
      EmbedSessionRequest: {
        type: "object",
        properties: {
          external_user_id: { type: "string", minLength: 1, maxLength: 200, description: "Your user's id, carried in the token as `ext`." },
          ttl_seconds: { type: "integer", minimum: EMBED_TTL.min, maximum: EMBED_TTL.max, default: EMBED_TTL.default },
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
          expires_at: { type: "string", format: "date-time" },
        },
      },
      SandboxKey: {
        type: "object",
        required: ["api_key", "expires_at", "pages_remaining"],
        properties: {
          api_key: { type: "string", example: "kd_sandbox_…" },
          expires_at: { type: "string", format: "date-time" },
          pages_remaining: { type: "integer", example: SANDBOX_UNIT_CAP },
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
          "400": errorBody("invalid_request", "cost must be a whole number from 0 to 10000."),
          "401": {
            ...errorBody(
              "invalid_credentials",
              "No Bearer key (missing_authorization), or a key that is malformed, has a bad checksum, is unknown, revoked or expired, or a sandbox key past its 24 hours or 50 units (invalid_credentials, the same body for all).",
            ),
            headers: { "WWW-Authenticate": { schema: { type: "string" }, description: "Bearer" } },
          },
          "403": errorBody("forbidden", "project_id names a project that is not the key's."),
          "413": errorBody("payload_too_large", "The request body is larger than 64 KiB."),
          "429": {
            ...errorBody(
              "quota_exceeded",
              "quota_exceeded: the period's units are used up; rate_limited: too many requests per second for this key, or too many unknown keys from this client address " +
                "(lookups that find no key have a budget per address: AUTH_FAILURE_BURST at once, AUTH_FAILURES_PER_SECOND after; past it a key the service has not already looked up gets 429 until Retry-After). A refused request is not counted.",
            ),
            headers: retryAfter,
          },
          "503": { ...errorBody("service_unavailable", "The database cannot be reached and the answer is not safely known; never a 200."), headers: retryAfter },
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
          "401": errorBody("invalid_credentials", "As for verify."),
          "429": { ...errorBody("rate_limited", "Too many requests per second for this key, or too many unknown keys from this client address (as for verify)."), headers: retryAfter },
          "503": { ...errorBody("service_unavailable", "The database cannot be reached."), headers: retryAfter },
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
          "400": errorBody("invalid_request", `ttl_seconds must be at most ${EMBED_TTL.max}.`),
          "401": errorBody("invalid_credentials", "Not a valid secret API key, or embed mode is off for the key's project."),
          "429": { ...errorBody("rate_limited", "Too many requests per second for this key, or too many unknown keys from this client address (as for verify)."), headers: retryAfter },
          "503": { ...errorBody("service_unavailable", "The database cannot be reached."), headers: retryAfter },
        },
      },
    },
    "/api/v1/sandbox/key": {
      post: {
        operationId: "createSandboxKey",
        summary: "An anonymous sandbox key to try the product",
        description: `No authentication. The key lives 24 hours or ${SANDBOX_UNIT_CAP} units, whichever ends first, then gets 401 everywhere. At most ${SANDBOX_KEYS_PER_IP} keys per client address (IPv6: per /64) per 24 hours.`,
        security: [],
        responses: {
          "200": { description: "A new sandbox key.", content: { "application/json": { schema: { $ref: "#/components/schemas/SandboxKey" } } } },
          "429": { ...errorBody("rate_limited", `This address has minted ${SANDBOX_KEYS_PER_IP} sandbox keys in the last 24 hours.`), headers: retryAfter },
          "503": { ...errorBody("service_unavailable", "The database cannot be reached."), headers: retryAfter },
        },
      },
    },
    "/api/v1/openapi.json": {
      get: { operationId: "getOpenApi", summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1" } } },
    },
  },
} as const;
