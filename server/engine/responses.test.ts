import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../lib/contract/openapi";
import { errorResponse, verifyResponse } from "./responses";
import type { RefusalCode } from "./types";

describe("verifyResponse", () => {
  it("writes the contract's 200 body", () => {
    const response = verifyResponse({
      valid: true,
      projectId: "p1",
      keyId: "k1",
      environment: "test",
      quota: { limit: 100, used: 7, remaining: 93, periodEnd: Date.UTC(2026, 11, 1) },
      embedEnabled: true,
      permissions: ["charges.read"],
      credits: null,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      valid: true,
      project_id: "p1",
      key_id: "k1",
      environment: "test",
      quota: { limit: 100, used: 7, remaining: 93, period_end: "2026-12-01T00:00:00.000Z" },
      embed_enabled: true,
      permissions: ["charges.read"],
    });
  });

  it("adds the credits of a key that has them, and the missing names of an insufficient_permissions refusal", () => {
    const base = { valid: true, projectId: "p1", keyId: "k1", environment: "live", quota: { limit: 100, used: 7, remaining: 93, periodEnd: 0 }, embedEnabled: false } as const;
    const withCredits = verifyResponse({ ...base, permissions: [], credits: { limit: 50, remaining: 3, refillsAt: Date.UTC(2026, 11, 2) } });
    expect(JSON.parse(withCredits.body).credits).toEqual({ limit: 50, remaining: 3, refills_at: "2026-12-02T00:00:00.000Z" });
    const refused = verifyResponse({ valid: false, code: "insufficient_permissions", message: "lacks b", missingPermissions: ["b"] });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toEqual({ error: { code: "insufficient_permissions", message: "lacks b", missing_permissions: ["b"] } });
  });

  it.each<[RefusalCode, number, Record<string, string>]>([
    ["missing_authorization", 401, { "www-authenticate": "Bearer" }],
    ["invalid_credentials", 401, { "www-authenticate": 'Bearer error="invalid_token"' }],
    ["invalid_request", 400, {}],
    ["forbidden", 403, {}],
    ["wrong_environment", 403, {}],
    ["ip_not_allowed", 403, {}],
    ["insufficient_permissions", 403, {}],
    ["quota_exceeded", 429, { "retry-after": "60" }],
    ["rate_limited", 429, { "retry-after": "60" }],
    ["service_unavailable", 503, { "retry-after": "60" }],
  ])("answers %s with %i, the error body and its headers", (code, status, headers) => {
    const retry = "retry-after" in headers ? { retryAfterSeconds: 60 } : {};
    const response = verifyResponse({ valid: false, code, ...retry });
    expect(response.status).toBe(status);
    expect(response.headers).toMatchObject({ "content-type": "application/json; charset=utf-8", ...headers });
    expect(JSON.parse(response.body)).toEqual({ error: { code, message: expect.stringMatching(/\w+ \w+/) } });
  });

  it("keeps a refusal's own message", () => {
    expect(JSON.parse(errorResponse("invalid_request", "cost must be a whole number.").body).error.message).toBe("cost must be a whole number.");
  });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and documents every endpoint and error code of the contract", () => {
    expect(openApiDocument.openapi).toBe("3.1.0");
    expect(Object.keys(openApiDocument.paths)).toEqual(["/api/v1/verify", "/api/v1/usage", "/api/v1/embed/sessions", "/api/v1/sandbox/key", "/api/v1/secret-scanning/github", "/api/v1/secret-scanning/report", "/api/v1/openapi.json"]);
    expect(Object.keys(openApiDocument.paths["/api/v1/verify"].post.responses)).toEqual(["200", "400", "401", "403", "413", "429", "503"]);
    const codes = openApiDocument.components.schemas.Error.properties.error.properties.code.enum;
    for (const code of ["missing_authorization", "invalid_credentials", "invalid_request", "forbidden", "quota_exceeded", "rate_limited", "service_unavailable", "invalid_signature", "replayed"]) {
      expect(codes).toContain(code);
    }
    // It must survive JSON (the service serves it, the dashboard imports it).
    expect(JSON.parse(JSON.stringify(openApiDocument))).toEqual(openApiDocument);
  });
});
