import { describe, expect, it } from "vitest";
import { isPublicAddress } from "./address-policy";
import { endpointUrlProblem } from "./endpoint-url";
import { RETRY_DEFAULTS, retryDelayMs, retrySchedule } from "./backoff";
import { eventForActivity } from "./activity-events";

describe("address policy", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.100.100.200", "0.0.0.0", "::1", "fd00:ec2::254", "fe80::1", "::ffff:127.0.0.1", "224.0.0.1", "not an address"])(
    "refuses %s",
    (address) => expect(isPublicAddress(address)).toBe(false),
  );
  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (address) => expect(isPublicAddress(address)).toBe(true));
});

describe("endpoint URLs", () => {
  const production = { allowPrivate: false };
  it("accepts public https URLs", () => expect(endpointUrlProblem("https://hooks.example.com/keydeck", production)).toBeNull());
  it.each([
    ["http://hooks.example.com/x", /https/],
    ["https://localhost/x", /localhost/],
    ["https://127.0.0.1/x", /public address/],
    ["https://[::1]/x", /public address/],
    ["https://169.254.169.254/latest", /public address/],
    ["https://user:pw@example.com/x", /user name or password/],
    ["ftp://example.com/x", /https/],
    ["not a url", /absolute URL/],
  ])("refuses %s in production", (url, message) => expect(endpointUrlProblem(url, production)).toMatch(message));
  it("allows http and local hosts with WEBHOOK_ALLOW_PRIVATE=1", () => expect(endpointUrlProblem("http://127.0.0.1:9999/x", { allowPrivate: true })).toBeNull());
});

describe("retry schedule", () => {
  it("grows exponentially with jitter in the upper half of each step, capped", () => {
    const policy = { ...RETRY_DEFAULTS, baseMs: 1000 };
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(3, policy, () => 1)).toBe(4000);
    expect(retryDelayMs(40, policy, () => 1)).toBe(RETRY_DEFAULTS.maxMs);
    // Below the cap each delay is at least the previous one, whatever the jitter.
    for (let attempt = 1; attempt < 14; attempt++) expect(retryDelayMs(attempt + 1, policy, () => 0)).toBeGreaterThanOrEqual(retryDelayMs(attempt, policy, () => 1));
  });
  it("spans the 3-day window by default", () => {
    const schedule = retrySchedule(RETRY_DEFAULTS);
    const total = schedule.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(RETRY_DEFAULTS.windowMs);
    expect(total).toBeGreaterThan(RETRY_DEFAULTS.windowMs - RETRY_DEFAULTS.maxMs);
  });
});

describe("activity → event", () => {
  it("maps key and member actions and copies only named fields", () => {
    const event = eventForActivity({ projectId: "p1", actorId: "u1", action: "key.revoked", target: { type: "api_key", id: "k1", label: "kd_live_ab…cd" }, ip: "1.2.3.4", metadata: { name: "billing", secretish: "x" } });
    expect(event).toEqual({ type: "key.revoked", data: { project_id: "p1", actor_id: "u1", key: { id: "k1", hint: "kd_live_ab…cd", name: "billing" } } });
    expect(eventForActivity({ projectId: "p1", actorId: null, action: "member.left", target: { type: "user", id: "u2", label: "Bob" }, ip: null, metadata: { role: "viewer" } })?.type).toBe("member.removed");
    expect(eventForActivity({ projectId: "p1", actorId: null, action: "key.leaked", target: { type: "api_key", id: "k1", label: "h" }, ip: null, metadata: { url: "https://github.com/x", source: "github" } })?.data).toMatchObject({ url: "https://github.com/x", source: "github" });
    expect(eventForActivity({ projectId: "p1", actorId: "u1", action: "project.renamed", ip: null })).toBeNull();
  });
});

describe("the OpenAPI document's webhooks", () => {
  it("describe every event type and the test event", async () => {
    const { webhooksDocument } = await import("../contract/webhooks");
    const { EVENT_TYPE_NAMES, TEST_EVENT_TYPE } = await import("./event-types");
    expect(Object.keys(webhooksDocument()).sort()).toEqual([...EVENT_TYPE_NAMES, TEST_EVENT_TYPE].sort());
  });
});
