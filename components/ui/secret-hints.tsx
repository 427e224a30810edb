import { Badge } from "./badge";
import { LocalDate, RelativeTime } from "./time";

export type SecretHint = { id: string; hint: string; createdAt: string; expiresAt: string | null };

/** A credential's signing secrets by hint (never the secret): when each was made, and which is current or when a rotated one stops. */
export function SecretHints({ label, secrets }: { label: string; secrets: SecretHint[] }) {
  return (
    <ul className="mt-2 divide-y divide-zinc-200 rounded-md ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800" aria-label={label}>
      {secrets.map((secret) => (
        <li key={secret.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
          <span className="font-mono">{secret.hint}</span>
          <span className="flex items-center gap-2 text-zinc-600 dark:text-zinc-400">
            Created <LocalDate iso={secret.createdAt} />
            {secret.expiresAt ? (
              <Badge tone="amber">
                Stops <RelativeTime iso={secret.expiresAt} />
              </Badge>
            ) : (
              <Badge tone="green">Current</Badge>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
