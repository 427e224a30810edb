import { describe, expect, it } from "vitest";
import { operations } from "./openapi-view";

describe("the docs page's view of the OpenAPI document", () => {
  it("lists every operation with resolved request and response fields", () => {
    const ops = operations();
    expect(ops.map((op) => `${op.method} ${op.path}`)).toEqual([
      "POST /api/v1/verify",
      "GET /api/v1/usage",
      "POST /api/v1/embed/sessions",
      "POST /api/v1/sandbox/key",
      "POST /api/v1/secret-scanning/github",
      "POST /api/v1/secret-scanning/report",
      "GET /api/v1/openapi.json",
    ]);
    const verify = ops[0]!;
    expect(verify.authenticated).toBe(true);
    expect(verify.requestBody.find((r) => r.name === "cost")).toMatchObject({ type: "integer", required: false });
    expect(verify.requestBody.find((r) => r.name === "cost")!.description).toContain("Range 0–10000");
    const ok = verify.responses.find((r) => r.status === "200")!;
    expect(ok.schema.map((r) => r.name)).toEqual([
      "valid",
      "project_id",
      "key_id",
      "environment",
      "quota",
      "quota.limit",
      "quota.used",
      "quota.remaining",
      "quota.period_end",
      "embed_enabled",
      "permissions",
      "credits",
      "credits.limit",
      "credits.remaining",
      "credits.refills_at",
    ]);
    expect(ok.schema.find((r) => r.name === "quota")?.type).toBe("Quota");
    expect(ok.schema.every((r) => r.description !== "")).toBe(true);
    expect(verify.responses.map((r) => r.status)).toEqual(["200", "400", "401", "403", "413", "429", "503"]);
    expect(verify.responses.find((r) => r.status === "429")?.headers).toEqual(["Retry-After"]);
    const usage = ops.find((op) => op.path === "/api/v1/usage")!.responses[0]!;
    expect(usage.schema.map((r) => r.name)).toEqual(expect.arrayContaining(["period.start", "days[].date", "days[].refused.rate", "keys[].hint"]));
    expect(verify.responses.find((r) => r.status === "401")!.examples).toEqual([
      { name: "missing_authorization", summary: "No `Authorization: Bearer` header.", body: expect.stringContaining('"code": "missing_authorization"') },
      { name: "invalid_credentials", summary: expect.any(String), body: JSON.stringify({ error: { code: "invalid_credentials", message: "The API key is not valid." } }, null, 2) },
    ]);
    expect(ops.find((op) => op.path === "/api/v1/sandbox/key")!.authenticated).toBe(false);
    expect(ops.find((op) => op.path === "/api/v1/embed/sessions")!.authenticated).toBe(true);
  });
});
