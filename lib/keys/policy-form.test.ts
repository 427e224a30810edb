import { describe, expect, it } from "vitest";
import { changedPolicyInput, policyForm, policyInput, formErrorsFromServer } from "./policy-form";

const open = policyForm({ permissions: null, ipAllowlist: [], rateLimitRps: null, credits: null });

describe("policy form", () => {
  it("round-trips a key's policy", () => {
    const form = policyForm({ permissions: ["charges.read"], ipAllowlist: ["10.0.0.0/8", "2001:db8::/32"], rateLimitRps: 50, credits: { remaining: 900, refill: { interval: "daily", amount: 1000 } } });
    expect(policyInput(form)).toEqual({
      ok: true,
      input: { permissions: ["charges.read"], ipAllowlist: ["10.0.0.0/8", "2001:db8::/32"], rateLimitRps: 50, credits: { remaining: 900, refill: { interval: "daily", amount: 1000 } } },
    });
    expect(policyInput(open)).toEqual({ ok: true, input: { permissions: null, ipAllowlist: [], rateLimitRps: null, credits: null } });
  });

  it("normalises addresses and reads one per line, blank lines ignored", () => {
    const result = policyInput({ ...open, ipAllowlist: " 192.168.1.7 \n\n10.1.2.3/8\r\n" });
    expect(result).toMatchObject({ ok: true, input: { ipAllowlist: ["192.168.1.7/32", "10.0.0.0/8"] } });
  });

  it("says what is wrong beside each field and sends nothing", () => {
    const result = policyInput({ ...open, allPermissions: false, permissions: [], ipAllowlist: "10.0.0.0/8\nnot-an-ip", rateLimitRps: "fast", creditsEnabled: true, creditsRemaining: "", refill: "monthly", refillAmount: "0" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.permissions).toEqual(["Choose at least one permission, or give the key every permission."]);
    expect(result.errors.ipAllowlist?.[0]).toContain('"not-an-ip" is not an IPv4 or IPv6 address or CIDR range.');
    expect(result.errors.rateLimitRps).toEqual(["Enter requests per second as a whole number."]);
    expect(result.errors.creditsRemaining).toEqual(["Enter how many units the key may still use."]);
    expect(policyInput({ ...open, creditsEnabled: true, creditsRemaining: "5", refill: "monthly", refillAmount: "0" })).toEqual({ ok: false, errors: { refillAmount: ["Refill at least 1 unit."] } });
    expect(policyInput({ ...open, rateLimitRps: "0" })).toEqual({ ok: false, errors: { rateLimitRps: ["Allow at least 1 request per second."] } });
  });

  it("puts the server's field errors on the form's fields", () => {
    expect(formErrorsFromServer({ "ipAllowlist.1": ["bad"], "credits.refill.amount": ["low"], "credits.remaining": ["neg"], form: ["x"] })).toEqual({
      ipAllowlist: ["bad"],
      refillAmount: ["low"],
      creditsRemaining: ["neg"],
    });
  });

  it("sends credits only when their fields changed: an unrelated save must not start a new balance", () => {
    const initial = policyForm({ permissions: null, ipAllowlist: [], rateLimitRps: null, credits: { remaining: 1200, refill: { interval: "monthly", amount: 5000 } } });
    const allowlisted = { ...initial, ipAllowlist: "10.0.0.0/8" };
    const input = policyInput(allowlisted);
    if (!input.ok) throw new Error("the form is valid");
    expect(changedPolicyInput(initial, allowlisted, input.input)).toEqual({ permissions: null, ipAllowlist: ["10.0.0.0/8"], rateLimitRps: null });
    const topped = { ...allowlisted, creditsRemaining: "5000" };
    const toppedInput = policyInput(topped);
    if (!toppedInput.ok) throw new Error("the form is valid");
    expect(changedPolicyInput(initial, topped, toppedInput.input)).toMatchObject({ credits: { remaining: 5000, refill: { interval: "monthly", amount: 5000 } } });
    // Switched off: null is sent, which removes them.
    const off = { ...initial, creditsEnabled: false };
    const offInput = policyInput(off);
    if (!offInput.ok) throw new Error("the form is valid");
    expect(changedPolicyInput(initial, off, offInput.input)).toMatchObject({ credits: null });
  });
});
