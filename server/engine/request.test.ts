import { describe, expect, it } from "vitest";
import { bearerToken, parseVerifyOptions } from "./request";

describe("bearerToken", () => {
  it("takes the token of a Bearer header, any case of the scheme", () => {
    expect(bearerToken("Bearer kd_live_x")).toBe("kd_live_x");
    expect(bearerToken("bearer kd_live_x")).toBe("kd_live_x");
    expect(bearerToken("BEARER  kd_live_x ")).toBe("kd_live_x");
  });

  it.each([undefined, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token kd_live_x", "kd_live_x"])("finds no token in %j", (header) => {
    expect(bearerToken(header)).toBeUndefined();
  });
});

describe("parseVerifyOptions", () => {
  const none = { endpoint: null, projectId: null, environment: null, clientIp: null, permissions: null };
  it("defaults to cost 1 without a body", () => {
    expect(parseVerifyOptions(undefined)).toEqual({ ...none, cost: 1 });
    expect(parseVerifyOptions(null)).toEqual({ ...none, cost: 1 });
  });

  it("reads cost, endpoint and project_id", () => {
    expect(parseVerifyOptions({ cost: 0, endpoint: "/v1/pages", project_id: "p1" })).toEqual({ ...none, cost: 0, endpoint: "/v1/pages", projectId: "p1" });
    expect(parseVerifyOptions({ cost: 10_000, extra: true })).toEqual({ ...none, cost: 10_000 });
  });

  it("reads environment, client_ip and permissions, parsing each query once", () => {
    const options = parseVerifyOptions({ environment: "live", client_ip: "::ffff:192.0.2.1", permissions: "a AND (b OR c)" });
    expect(options).toMatchObject({ environment: "live", permissions: { kind: "and" } });
    expect(typeof options === "object" && options.clientIp?.toString()).toBe("192.0.2.1");
    const again = parseVerifyOptions({ permissions: "a AND (b OR c)" });
    if (typeof again === "string" || typeof options === "string") throw new Error("refused");
    expect(again.permissions).toBe(options.permissions);
  });

  it.each([
    [[], /object/],
    ["cost", /object/],
    [{ cost: -1 }, /cost/],
    [{ cost: 10_001 }, /cost/],
    [{ cost: 1.5 }, /cost/],
    [{ cost: "1" }, /cost/],
    [{ endpoint: "x".repeat(201) }, /endpoint/],
    [{ endpoint: 5 }, /endpoint/],
    [{ project_id: "" }, /project_id/],
    [{ project_id: 7 }, /project_id/],
    [{ environment: "prod" }, /environment/],
    [{ environment: 1 }, /environment/],
    [{ client_ip: "10.0.0.0/8" }, /client_ip/],
    [{ client_ip: 167772161 }, /client_ip/],
    [{ permissions: ["a"] }, /permissions must be a string/],
    [{ permissions: "a AND" }, /position 6/],
  ])("refuses %j with a sentence", (body, message) => {
    expect(parseVerifyOptions(body)).toMatch(message);
  });
});
