import { describe, expect, it } from "vitest";
import { onboardingChecklist, onboardingComplete } from "./onboarding-model";

const none = { keyCreated: false, callMade: false, callCounted: false };
const zero = { requests: 0, units: 0 };

describe("onboardingChecklist", () => {
  it("starts with every step open and says what to do first", () => {
    const list = onboardingChecklist(none, zero, { canCreateKeys: true, locale: "en-US" });
    expect(list.complete).toBe(false);
    expect(list.steps.map((s) => [s.title, s.done])).toEqual([
      ["Create an API key", false],
      ["Make your first verify call", false],
      ["See it counted", false],
    ]);
    expect(list.steps[0]!.detail).toContain("API keys tab");
  });

  it("tells a member who cannot create keys whom to ask", () => {
    expect(onboardingChecklist(none, zero, { canCreateKeys: false, locale: "en-US" }).steps[0]!.detail).toContain("ask a developer, admin or owner");
  });

  it("says why a call that arrived was not counted", () => {
    const list = onboardingChecklist({ keyCreated: true, callMade: true, callCounted: false }, zero, { canCreateKeys: true, locale: "en-US" });
    expect(list.steps.map((s) => s.done)).toEqual([true, true, false]);
    expect(list.steps[2]!.detail).toContain("refused (401 or 429)");
    expect(list.complete).toBe(false);
  });

  it("is complete once a call was counted, and shows today's count", () => {
    const facts = { keyCreated: true, callMade: true, callCounted: true };
    const list = onboardingChecklist(facts, { requests: 1, units: 2 }, { canCreateKeys: true, locale: "en-US" });
    expect(list.complete).toBe(true);
    expect(onboardingComplete(facts)).toBe(true);
    expect(list.steps[2]!.detail).toBe("Counted: 1 request and 2 units today.");
    expect(onboardingChecklist(facts, { requests: 1200, units: 1 }, { canCreateKeys: true, locale: "en-US" }).steps[2]!.detail).toBe(
      "Counted: 1,200 requests and 1 unit today.",
    );
  });
});
