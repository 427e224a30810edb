"use client";

import { IntentLink } from "@/components/ui/intent-link";
import type { KeySummary } from "@/lib/keys/queries";
import { Badge } from "@/components/ui/badge";
import { KeyEnvironmentBadge, KeyStatusBadge } from "@/components/keys/key-badges";
import { ResponsiveTable, RowActions, RowButton, rowAnchor, type Column, type Layout } from "@/components/ui/responsive-table";
import { LocalDate, RelativeTime } from "@/components/ui/time";
import { KeyCreditsText } from "@/components/keys/key-credits";
import { KeyLeakLine } from "@/components/keys/key-leak-line";

// Below 1024 px dates and times may wrap onto two lines, so that a tablet's table keeps every row's actions in view.
const MUTED = "lg:whitespace-nowrap text-zinc-600 dark:text-zinc-400";
const LINK = "text-xs text-indigo-700 hover:underline dark:text-indigo-400";

/** The anchor of a key's row or card, which rotation links point at. */
const rowHref = (id: string, layout: Layout) => `#${rowAnchor(`key-${id}`, layout)}`;

function keyColumns(revoking: (key: KeySummary) => boolean, keyHref: (key: KeySummary) => string): Column<KeySummary>[] {
  return [
    {
      header: "Name",
      card: "title",
      // A long name without spaces breaks anywhere, not into a column of single letters.
      className: "min-w-32 wrap-anywhere",
      cell: (key, layout) => (
        <>
          {/* Prefetched on intent only: a page of up to 100 rows would otherwise render up to 100 key pages on the server, again after every change. */}
          <IntentLink href={keyHref(key)} className="font-medium text-zinc-900 hover:text-indigo-700 hover:underline dark:text-zinc-100 dark:hover:text-indigo-400">
            {key.name}
          </IntentLink>
          {key.rotatedFrom && (
            <a href={rowHref(key.rotatedFrom.id, layout)} className={`block ${LINK}`}>
              Replaces <span className="font-mono">{key.rotatedFrom.hint}</span>
            </a>
          )}
          {key.rotatedTo && (
            <a href={rowHref(key.rotatedTo.id, layout)} className={`block ${LINK}`}>
              Replaced by <span className="font-mono">{key.rotatedTo.hint}</span>
            </a>
          )}
          {key.leak && <KeyLeakLine leak={key.leak} />}
        </>
      ),
    },
    {
      header: "Key",
      cell: (key) => (
        <>
          {/* The hint never breaks; on a narrow table its environment goes under it. */}
          <span className="font-mono text-xs whitespace-nowrap">{key.hint}</span> <KeyEnvironmentBadge environment={key.environment} />
        </>
      ),
    },
    {
      header: "Created",
      className: MUTED,
      wideOnly: true,
      cell: (key) => (
        <>
          <LocalDate iso={key.createdAt} />
          {key.createdBy && <div className="text-xs">by {key.createdBy}</div>}
        </>
      ),
    },
    {
      header: "Last used",
      className: MUTED,
      cell: (key) =>
        key.lastUsedAt ? (
          <>
            <RelativeTime iso={key.lastUsedAt} />
            {key.lastUsedIp && <div className="font-mono text-xs">from {key.lastUsedIp}</div>}
          </>
        ) : (
          "Never"
        ),
    },
    {
      header: "Credits",
      className: "text-zinc-600 dark:text-zinc-400",
      // Below 1024 px the table has no room for it: the Status cell carries it there (see below).
      wideOnly: true,
      // Most keys have none: a card leaves the field out rather than list a dash.
      cardOmit: (key) => key.credits === null,
      cell: (key) =>
        key.credits ? (
          <KeyCreditsText balance={key.credits} />
        ) : (
          <>
            <span aria-hidden="true">—</span>
            <span className="sr-only">No credits</span>
          </>
        ),
    },
    {
      header: "Expires",
      className: MUTED,
      cell: (key) =>
        key.revokedAt ? (
          <span>
            Revoked <RelativeTime iso={key.revokedAt} />
          </span>
        ) : key.expiresAt ? (
          <span>
            {key.status === "expired" ? "Expired " : "Expires "}
            <RelativeTime iso={key.expiresAt} />
          </span>
        ) : (
          "Never"
        ),
    },
    {
      header: "Status",
      card: "aside",
      cell: (key, layout) => (
        <>
          {revoking(key) ? <Badge tone="amber">Revoking…</Badge> : <KeyStatusBadge status={key.status} />}
          {/* A tablet's table, without the Credits column: the credits under the status. */}
          {layout === "table" && key.credits && (
            <div className="mt-1 text-xs text-zinc-600 lg:hidden dark:text-zinc-400">
              <KeyCreditsText balance={key.credits} />
            </div>
          )}
        </>
      ),
    },
  ];
}

export function KeysTable({
  keys,
  keyHref,
  canWrite,
  revokingIds,
  onRevoke,
  onRotate,
}: {
  keys: KeySummary[];
  /** The key's own page, which its name links to. */
  keyHref: (key: KeySummary) => string;
  canWrite: boolean;
  /** Keys whose revocation every API instance has not confirmed yet: shown as pending, never as revoked. */
  revokingIds: ReadonlySet<string>;
  onRevoke: (key: KeySummary) => void;
  onRotate: (key: KeySummary) => void;
}) {
  const revoking = (key: KeySummary) => revokingIds.has(key.id) && key.status !== "revoked";
  const actions = (key: KeySummary, layout: Layout) => {
    if (key.status !== "active" && key.status !== "expiring") return null;
    if (!key.canManage) return <span className="text-xs text-zinc-500 dark:text-zinc-400">Only its creator, admins and owners can change this key</span>;
    return (
      <RowActions layout={layout}>
        {!key.rotatedTo && (
          <RowButton layout={layout} disabled={revoking(key)} onClick={() => onRotate(key)} aria-label={`Rotate ${key.name} (${key.hint})`}>
            Rotate
          </RowButton>
        )}
        <RowButton layout={layout} danger disabled={revoking(key)} onClick={() => onRevoke(key)} aria-label={`Revoke ${key.name} (${key.hint})`}>
          Revoke
        </RowButton>
      </RowActions>
    );
  };
  return (
    <ResponsiveTable
      caption="API keys"
      className="mt-2"
      rows={keys}
      rowId={(key) => `key-${key.id}`}
      rowBusy={revoking}
      columns={keyColumns(revoking, keyHref)}
      actions={canWrite ? actions : undefined}
    />
  );
}
