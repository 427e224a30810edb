"use client";

import type { KeySummary } from "@/lib/keys/queries";
import type { KeyStatus } from "@/lib/keys/status";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalDate, RelativeTime } from "@/components/ui/time";

const STATUS: Record<KeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  expiring: { label: "Expiring", tone: "amber" },
  expired: { label: "Expired", tone: "zinc" },
  revoked: { label: "Revoked", tone: "red" },
};

export function KeysTable({
  keys,
  canWrite,
  onRevoke,
  onRotate,
}: {
  keys: KeySummary[];
  canWrite: boolean;
  onRevoke: (key: KeySummary) => void;
  onRotate: (key: KeySummary) => void;
}) {
  return (
    <div className="mt-2 overflow-x-auto rounded-xl bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <table className="min-w-full text-sm">
        <caption className="sr-only">API keys</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Name</th>
            <th scope="col" className="px-4 py-3 font-medium">Key</th>
            <th scope="col" className="px-4 py-3 font-medium">Created</th>
            <th scope="col" className="px-4 py-3 font-medium">Last used</th>
            <th scope="col" className="px-4 py-3 font-medium">Expires</th>
            <th scope="col" className="px-4 py-3 font-medium">Status</th>
            {canWrite && (
              <th scope="col" className="px-4 py-3 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {keys.map((key) => {
            const usable = key.status === "active" || key.status === "expiring";
            return (
              <tr key={key.id} id={`key-${key.id}`} className="target:bg-indigo-50 dark:target:bg-indigo-950/40">
                <td className="px-4 py-3">
                  <div className="font-medium">{key.name}</div>
                  {key.rotatedFrom && (
                    <a href={`#key-${key.rotatedFrom.id}`} className="text-xs text-indigo-700 hover:underline dark:text-indigo-400">
                      Replaces <span className="font-mono">{key.rotatedFrom.hint}</span>
                    </a>
                  )}
                  {key.rotatedTo && (
                    <a href={`#key-${key.rotatedTo.id}`} className="block text-xs text-indigo-700 hover:underline dark:text-indigo-400">
                      Replaced by <span className="font-mono">{key.rotatedTo.hint}</span>
                    </a>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-3">
                  <span className="font-mono text-xs">{key.hint}</span>{" "}
                  <Badge tone={key.environment === "live" ? "indigo" : "sky"}>{key.environment}</Badge>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-zinc-600 dark:text-zinc-400">
                  <LocalDate iso={key.createdAt} />
                  {key.createdBy && <div className="text-xs">by {key.createdBy}</div>}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-zinc-600 dark:text-zinc-400">
                  {key.lastUsedAt ? <RelativeTime iso={key.lastUsedAt} /> : "Never"}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-zinc-600 dark:text-zinc-400">
                  {key.revokedAt ? (
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
                  )}
                </td>
                <td className="px-4 py-3">
                  <Badge tone={STATUS[key.status].tone}>{STATUS[key.status].label}</Badge>
                </td>
                {canWrite && (
                  <td className="whitespace-nowrap px-4 py-3 text-right">
                    {usable && (
                      <div className="flex justify-end gap-1">
                        {!key.rotatedTo && (
                          <Button variant="ghost" onClick={() => onRotate(key)} aria-label={`Rotate ${key.name} (${key.hint})`}>
                            Rotate
                          </Button>
                        )}
                        <Button
                          variant="ghost"
                          className="text-red-700 dark:text-red-400"
                          onClick={() => onRevoke(key)}
                          aria-label={`Revoke ${key.name} (${key.hint})`}
                        >
                          Revoke
                        </Button>
                      </div>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
