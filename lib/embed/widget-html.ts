import type { UsageSummary } from "../usage/summary";
import { usageOverviewModel, type OverviewStat } from "../usage/overview-model";
import { EMBED_FONT_PATH } from "./frame";

// The embed page is plain server-rendered HTML: no script at all, one
// stylesheet allowed by nonce and the app's own font from the app's origin,
// so its Content-Security-Policy can be as strict as a page can be while it
// is framed by a partner's site.


const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLES = `
:root{color-scheme:light dark;--fg:#18181b;--muted:#71717a;--card:#fff;--ring:#e4e4e7;--track:#e4e4e7;--ok:#4f46e5;--warn:#f59e0b;--over:#dc2626;--bg:transparent}
@media (prefers-color-scheme:dark){:root{--fg:#f4f4f5;--muted:#a1a1aa;--card:#18181b;--ring:#27272a;--track:#27272a;--ok:#818cf8}}
@font-face{font-family:Geist;src:url(${EMBED_FONT_PATH}) format("woff2");font-weight:100 900;font-style:normal;font-display:swap}
*{box-sizing:border-box}html,body{height:100%}body{margin:0;padding:12px;font:14px/1.45 Geist,ui-sans-serif,system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
.card{background:var(--card);border:1px solid var(--ring);border-radius:12px;padding:16px;min-height:100%;display:flex;flex-direction:column}
.card>.foot{margin-top:auto;padding-top:12px}
h1{font-size:13px;font-weight:500;color:var(--muted);margin:0 0 6px}
.row{display:flex;justify-content:space-between;align-items:baseline;gap:8px}
.big{font-size:24px;font-weight:600;font-variant-numeric:tabular-nums}
.muted{color:var(--muted)}.small{font-size:12px}
svg.bar{display:block;width:100%;height:10px;margin-top:8px}
.stats{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px;margin:12px 0 0;padding:0}
.stats dl,.stats div{margin:0}.stats dt{font-size:13px;color:var(--muted)}.stats dd{margin:2px 0 0}
.ok{fill:var(--ok)}.warn{fill:var(--warn)}.over{fill:var(--over)}.track{fill:var(--track)}
.problem h1{font-size:16px;color:var(--fg)}
`;

function page({ title, nonce, body, lang }: { title: string; nonce: string; body: string; lang: string }): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLES}</style></head><body>${body}</body></html>`;
}

export type WidgetView = { projectName: string; summary: UsageSummary; timeZone: string; locale: string; nonce: string };

/**
 * The dashboard Overview's figures (lib/usage/overview-model.ts, which the
 * Overview's React component renders too) as one static page.
 */
export function renderUsageWidget({ projectName, summary, timeZone, locale, nonce }: WidgetView): string {
  const view = usageOverviewModel(summary, { locale, timeZone });
  const { bar } = view;
  const stat = ({ label, value, detail }: OverviewStat) =>
    `<div role="group" aria-label="${escapeHtml(label)}"><dl><dt>${escapeHtml(label)}</dt><dd class="big">${escapeHtml(value)}</dd>${
      detail ? `<dd class="muted small">${escapeHtml(detail)}</dd>` : ""
    }</dl></div>`;
  const warning = view.warning && `${view.warning} `;
  const body = `<main class="card" aria-labelledby="quota-heading">
<h1 id="quota-heading">${escapeHtml(view.heading)}</h1>
<div class="row"><span><span class="big">${escapeHtml(bar.used)}</span><span class="muted"> / ${escapeHtml(bar.limit)} units</span></span><span>${escapeHtml(bar.percent)}</span></div>
<div role="progressbar" aria-label="${escapeHtml(view.barLabel)}" aria-valuemin="0" aria-valuemax="${bar.valueMax}" aria-valuenow="${bar.valueNow}" aria-valuetext="${escapeHtml(bar.valueText)}"><svg class="bar" aria-hidden="true" preserveAspectRatio="none" viewBox="0 0 100 10"><rect class="track" width="100" height="10" rx="5"/><rect class="${bar.tone}" width="${bar.width}" height="10" rx="5"/></svg></div>
<p class="muted small">${escapeHtml(warning)}Resets <time datetime="${escapeHtml(view.resets.dateTime)}">${escapeHtml(view.resets.text)}</time>.</p>
<div class="stats">
${view.stats.map(stat).join("\n")}
</div>
<p class="muted small foot">Usage of the whole project ${escapeHtml(projectName)}, all its keys together. “Today” began ${escapeHtml(view.todayBegan.text)} (${escapeHtml(view.todayBegan.timeZone)}).</p>
</main>`;
  return page({ title: "API usage", nonce, body, lang: locale });
}

export function renderEmbedProblem({ title, message, nonce, locale }: { title: string; message: string; nonce: string; locale: string }): string {
  return page({
    title,
    nonce,
    lang: locale,
    body: `<main class="card problem" role="alert"><h1>${escapeHtml(title)}</h1><p class="muted">${escapeHtml(message)}</p></main>`,
  });
}
