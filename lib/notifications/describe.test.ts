import { describe, expect, it } from "vitest";
import { EVENT_TYPE_NAMES } from "../webhooks/event-types";
import { describeEvent } from "./describe";
import { bellLabel, unreadBadge } from "./bell-label";

const project = { name: "Acme Payments", slug: "acme" };
const key = { id: "k1", name: "Billing", hint: "kd_live_4fQ9…eHu6" };

describe("describeEvent", () => {
  it("says what happened, to which key, and links to the page to act on", () => {
    expect(describeEvent("key.revoked", { key }, project)).toEqual({ sentence: "Key “Billing” (kd_live_4fQ9…eHu6) was revoked", href: "/projects/acme/keys/k1" });
    expect(describeEvent("key.expiring", { key, days_left: 1 }, project).sentence).toBe("Key “Billing” (kd_live_4fQ9…eHu6) expires in 1 day");
    expect(describeEvent("key.rotated", { key, new_key: { id: "k2", hint: "kd_live_x…y" } }, project).href).toBe("/projects/acme/keys/k2");
    expect(describeEvent("member.removed", { member: { name: "Bob" }, reason: "left" }, project)).toEqual({ sentence: "Bob left Acme Payments", href: "/projects/acme/members" });
    expect(describeEvent("embed.secret_rotated", {}, project).href).toBe("/projects/acme/embed");
  });

  it("gives quota thresholds their figures and, at 100 %, the consequence", () => {
    expect(describeEvent("quota.threshold", { scope: "project", threshold: 80, used: 800_000, limit: 1_000_000 }, project)).toEqual({
      sentence: "Acme Payments reached 80 % of this month's quota (800,000 of 1,000,000 units)",
      href: "/projects/acme/usage",
    });
    expect(describeEvent("quota.threshold", { scope: "key_credits", threshold: 100, used: 50, limit: 50, key }, project)).toEqual({
      sentence: "Key “Billing” (kd_live_4fQ9…eHu6) used 100 % of its credits (50 of 50 units); requests are refused with 429 until the period resets",
      href: "/projects/acme/keys/k1",
    });
  });

  it("describes every event type, even with its data missing", () => {
    for (const type of EVENT_TYPE_NAMES) {
      const text = describeEvent(type, null, project);
      expect(text.sentence, type).toMatch(/\S/);
      expect(text.href, type).toMatch(/^\/projects\/acme(\/|$)/);
    }
    expect(describeEvent("key.leaked", { key: { id: 5, name: ["x"] } }, project)).toEqual({ sentence: "A key was found in public; revoke it", href: "/projects/acme/keys" });
  });
});

describe("the bell's name", () => {
  it("says the unread count, capped", () => {
    expect(bellLabel(0, 100)).toBe("Notifications");
    expect(bellLabel(3, 100)).toBe("Notifications, 3 unread");
    expect(bellLabel(100, 100)).toBe("Notifications, 99+ unread");
    expect(unreadBadge(99, 100)).toBe("99");
  });
});
