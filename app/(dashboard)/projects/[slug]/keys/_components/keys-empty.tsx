import { Button } from "@/components/ui/button";

/** No key at all (with a first step), or none that matches the filters. */
export function KeysEmpty({ filtered, onCreate }: { filtered: boolean; onCreate?: () => void }) {
  return (
    <div className="mt-4 rounded-xl border-2 border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
      <h3 className="text-base font-semibold">{filtered ? "No keys match these filters" : "No API keys yet"}</h3>
      <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
        {filtered ? "Try another status, environment or search." : "Create a key for each service or environment that calls your API."}
      </p>
      {!filtered && onCreate && (
        <Button className="mt-6" onClick={onCreate}>
          Create your first key
        </Button>
      )}
    </div>
  );
}
