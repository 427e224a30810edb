import { describe, expect, it } from "vitest";
import { quotaBannerModel, quotaBarModel, quotaTone, usageOverviewModel } from "./overview-model";
import type { UsageSummary } from "./summary";

const quota = (used: number, limit: number, percent: number) => ({
  used,
  limit,
  percent,
  periodStart: "2026-11-01T00:00:00.000Z",
  periodEnd: "2026-12-01T00:00:00.000Z",
});

const summary = (q = quota(9, 1000, 0.9)): UsageSummary => ({
  quota: q,
  today: { start: "2026-11-25T05:00:00.000Z", requests: 12345, units: 67890, refusedUnauthorized: 3, refusedLimited: 1204 },
  activeKeys: 42,
});

describe("quotaTone", () => {
  it("turns amber at 80 % and red at 100 %", () => {
    expect(quotaTone(0)).toBe("ok");
    expect(quotaTone(79.9)).toBe("ok");
    expect(quotaTone(80)).toBe("warn");
    expect(quotaTone(99.9)).toBe("warn");
    expect(quotaTone(100)).toBe("over");
    expect(quotaTone(250)).toBe("over");
  });
});

describe("quotaBarModel", () => {
  it("formats the figures in the given locale and caps the bar and the progress value at the limit", () => {
    expect(quotaBarModel(quota(1_234_567, 1_000_000, 123.5), "en-US")).toEqual({
      tone: "over",
      used: "1,234,567",
      limit: "1,000,000",
      percent: "123.5%",
      width: 100,
      valueMax: 1_000_000,
      valueNow: 1_000_000,
      valueText: "1,234,567 of 1,000,000 units (123.5%)",
    });
    expect(quotaBarModel(quota(1_234_567, 1_000_000, 123.5), "de-DE").used).toBe("1.234.567");
  });

  it("draws an empty bar for a project without a quota", () => {
    expect(quotaBarModel(quota(0, 0, 0), "en-US")).toMatchObject({ tone: "ok", width: 0, valueNow: 0, valueText: "0 of 0 units (0%)" });
  });
});

describe("usageOverviewModel", () => {
  it("says nothing about the quota below 80 %, warns from 80 %, and says what happens at 100 %", () => {
    const at = (percent: number) => usageOverviewModel(summary(quota(percent * 10, 1000, percent)), { locale: "en-US", timeZone: "UTC" }).warning;
    expect(at(79.9)).toBe("");
    expect(at(80)).toBe("Over 80% of the quota is used.");
    expect(at(100)).toBe("Quota reached: requests are refused with 429 until the period resets.");
  });

  it("gives today's figures, the reset and the start of today in the viewer's time zone", () => {
    const view = usageOverviewModel(summary(), { locale: "en-US", timeZone: "America/New_York" });
    expect(view.stats).toEqual([
      { label: "Requests today", value: "12,345", detail: "67,890 units" },
      { label: "Active keys", value: "42" },
      { label: "Refused today", value: "1,207", detail: "3 × 401 · 1,204 × 429" },
    ]);
    // ICU versions differ in the space before AM/PM (U+0020 or U+202F).
    const spaced = (s: string) => s.replace(/\s/g, " ");
    expect(view.resets.dateTime).toBe("2026-12-01T00:00:00.000Z");
    expect(spaced(view.resets.text)).toBe("Nov 30, 2026, 7:00 PM");
    expect(spaced(view.todayBegan.text)).toBe("Nov 25, 2026, 12:00 AM");
    expect(view.todayBegan.timeZone).toBe("America/New_York");
    expect(view.heading).toBe("Units used this period");
    expect(view.barLabel).toBe("Quota used this period");
  });
});

describe("quotaBannerModel", () => {
  it("is silent below 80 %, warns from 80 % and alerts at 100 %, with the bar's own figures", () => {
    expect(quotaBannerModel("Acme", quota(799_999, 1_000_000, 80 - 0.0001), "en-US")).toBeNull();
    const warn = quotaBannerModel("Acme", quota(823_000, 1_000_000, 82.3), "en-US")!;
    expect(warn).toEqual({ tone: "warn", title: "Quota almost used", text: "Acme has used 82.3% of this month's 1,000,000 units; requests are refused at 100%." });
    expect(warn.text).toContain(quotaBarModel(quota(823_000, 1_000_000, 82.3), "en-US").percent);
    expect(quotaBannerModel("Acme", quota(1_000_000, 1_000_000, 100), "en-US")).toMatchObject({
      tone: "over",
      text: "Acme has used 100% of this month's 1,000,000 units: requests are being refused with 429 quota_exceeded until the period resets.",
    });
  });
});
