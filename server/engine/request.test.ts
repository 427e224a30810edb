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
  it("defaults to cost 1 without a body", () => {
    expect(parseVerifyOptions(undefined)).toEqual({ cost: 1, endpoint: null, projectId: null });
    expect(parseVerifyOptions(null)).toEqual({ cost: 1, endpoint: null, projectId: null });
  });

  it("reads cost, endpoint and project_id", () => {
    expect(parseVerifyOptions({ cost: 0, endpoint: "/v1/pages", project_id: "p1" })).toEqual({ cost: 0, endpoint: "/v1/pages", projectId: "p1" });
    expect(parseVerifyOptions({ cost: 10_000, extra: true })).toEqual({ cost: 10_000, endpoint: null, projectId: null });
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
  ])("refuses %j with a sentence", (body, message) => {
    expect(parseVerifyOptions(body)).toMatch(message);
  });
});
