import Link from "next/link";
import type { ReactNode } from "react";
import type { KeySummary } from "@/lib/keys/queries";
import { LocalDate, RelativeTime } from "@/components/ui/time";

const LINK = "font-mono text-indigo-700 hover:underline dark:text-indigo-400";

/** A date with how long ago (or until) it is, or what its absence means. */
function When({ iso, none }: { iso: string | null; none: string }) {
  if (!iso) return <>{none}</>;
  return (
    <>
      <LocalDate iso={iso} /> (<RelativeTime iso={iso} />)
    </>
  );
}

/** "3 minutes ago from 203.0.113.7 (Dec 2, 2026)": the address is the verify body's client_ip of that call, when the caller's API sent one. */
function LastUsed({ iso, ip }: { iso: string | null; ip: string | null }) {
  if (!iso) return <>Never</>;
  return (
    <>
      <RelativeTime iso={iso} />
      {ip && (
        <>
          {" from "}
          <span className="font-mono">{ip}</span>
        </>
      )}{" "}
      (<LocalDate iso={iso} />)
    </>
  );
}

export function KeyFacts({ apiKey: key, keyHref }: { apiKey: KeySummary; keyHref: (id: string) => string }) {
  const facts: [string, ReactNode][] = [
    ["Key", <span key="hint" className="font-mono">{key.hint}</span>],
    ["Environment", key.environment],
    ["Created", <span key="created"><When iso={key.createdAt} none="—" />{key.createdBy ? ` by ${key.createdBy}` : ""}</span>],
    ["Last used", <LastUsed key="used" iso={key.lastUsedAt} ip={key.lastUsedIp} />],
    ["Expires", <When key="expires" iso={key.expiresAt} none="Never" />],
    ["Revoked", <When key="revoked" iso={key.revokedAt} none="No" />],
  ];
  if (key.rotatedFrom) facts.push(["Replaces", <Link key="from" href={keyHref(key.rotatedFrom.id)} className={LINK}>{key.rotatedFrom.hint}</Link>]);
  if (key.rotatedTo) facts.push(["Replaced by", <Link key="to" href={keyHref(key.rotatedTo.id)} className={LINK}>{key.rotatedTo.hint}</Link>]);
  return (
    <section aria-labelledby="key-facts-heading" className="rounded-xl bg-white p-6 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <h3 id="key-facts-heading" className="text-base font-semibold">
        Details
      </h3>
      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-zinc-600 dark:text-zinc-400">{term}</dt>
            <dd className="min-w-0 wrap-anywhere text-zinc-900 dark:text-zinc-100">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
