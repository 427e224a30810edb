import { describe, expect, it } from "vitest";
import { renderUsageWidget } from "./widget-html";
import { EMBED_FONT_PATH } from "./frame";
import { usageOverviewModel } from "../usage/overview-model";
import type { UsageSummary } from "../usage/summary";

const summary: UsageSummary = {
  quota: { used: 850, limit: 1000, percent: 85, periodStart: "2026-11-01T00:00:00.000Z", periodEnd: "2026-12-01T00:00:00.000Z" },
  today: { start: "2026-11-25T00:00:00.000Z", requests: 1500, units: 2500, refusedUnauthorized: 2, refusedLimited: 5 },
  activeKeys: 3,
};

describe("renderUsageWidget", () => {
  const html = renderUsageWidget({ projectName: "Acme <Payments>", summary, timeZone: "UTC", locale: "en-US", nonce: "n0nce" });
  const text = html.replace(/<[^>]+>/g, "");

  it("says what the dashboard's overview model says", () => {
    const view = usageOverviewModel(summary, { locale: "en-US", timeZone: "UTC" });
    expect(text).toContain(`${view.warning} Resets ${view.resets.text}.`);
    for (const stat of view.stats) {
      expect(html).toContain(`aria-label="${stat.label}"`);
      expect(text).toContain(`${stat.label}${stat.value}${stat.detail ?? ""}`);
    }
    expect(html).toContain('<rect class="warn" width="85"');
    expect(html).toContain('aria-valuetext="850 of 1,000 units (85%)"');
  });

  it("says whose figures they are: the whole project's, its name escaped", () => {
    expect(html).toContain("Usage of the whole project Acme &lt;Payments&gt;, all its keys together.");
  });

  it("uses the dashboard's font, from the app's own origin", () => {
    expect(html).toContain(`@font-face{font-family:Geist;src:url(${EMBED_FONT_PATH}) format("woff2")`);
    expect(html).toMatch(/body\{[^}]*font:14px\/1\.45 Geist,/);
  });

  it("is a page without script, its one stylesheet carrying the nonce", () => {
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
    expect(html).toContain('<style nonce="n0nce">');
    expect(html.match(/<style/g)).toHaveLength(1);
  });
});
