import { Badge } from "@/components/ui/badge";
import { formatCount } from "@/components/usage/format";
import { creditsLine, type CreditBalance } from "@/lib/keys/credit-balance";

// A key's credits wherever the dashboard shows them (its row, its page, the
// Usage tab): the words come from lib/keys/credit-balance.ts, so they agree.

// Refills come at a UTC day or month boundary: said in UTC, so no reader sees the day before.
const utcDay = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** One line: "1,200 of 5,000 credits left · refills monthly", or a red "Credits spent". */
export function KeyCreditsText({ balance }: { balance: CreditBalance }) {
  const line = creditsLine(balance, formatCount);
  return (
    <>
      {line.spent ? <Badge tone="red">{line.left}</Badge> : <span className={line.low ? "font-medium text-amber-700 dark:text-amber-400" : "text-zinc-900 dark:text-zinc-100"}>{line.left}</span>}
      {line.refill && <span className="text-zinc-600 dark:text-zinc-400"> · {line.refill}</span>}
    </>
  );
}

/** The credits as a labelled block beside a usage chart, with when they next refill. */
export function KeyCreditsPanel({ balance }: { balance: CreditBalance }) {
  return (
    <div role="group" aria-label="Credits" className="rounded-lg bg-zinc-50 px-3 py-2 text-sm ring-1 ring-zinc-200 dark:bg-zinc-800/50 dark:ring-zinc-700">
      <p className="text-zinc-500 dark:text-zinc-400">Credits</p>
      <p className="mt-0.5">
        <KeyCreditsText balance={balance} />
      </p>
      {balance.refillsAt && (
        <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
          Next refill{" "}
          <time dateTime={balance.refillsAt} suppressHydrationWarning>
            {utcDay.format(new Date(balance.refillsAt))}, 00:00 UTC
          </time>
        </p>
      )}
    </div>
  );
}
