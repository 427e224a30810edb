import { RoleNote } from "@/components/ui/role-note";
import { Button } from "@/components/ui/button";

export function KeysHeader({ onCreate, readOnlyReason }: { onCreate?: () => void; readOnlyReason: string | null }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h2 id="keys-heading" className="text-lg font-semibold">
          API keys
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Keys authenticate calls to your API. Keydeck stores only a hash: a key is shown once, when it is created.
        </p>
        {readOnlyReason && (
          <div className="mt-3">
            <RoleNote>{readOnlyReason}</RoleNote>
          </div>
        )}
      </div>
      {onCreate && <Button onClick={onCreate}>Create key</Button>}
    </div>
  );
}
