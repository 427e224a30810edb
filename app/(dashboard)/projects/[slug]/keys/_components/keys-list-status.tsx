/** How many keys match, announced as it changes, and a way out when the list could not load. */
export function KeysListStatus({ total, loading, failed, onRetry }: { total: number; loading: boolean; failed: boolean; onRetry: () => void }) {
  return (
    <>
      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {loading ? "Loading keys…" : `${total} ${total === 1 ? "key" : "keys"}`}
      </p>
      {failed && (
        <p role="alert" className="mt-2 text-sm text-red-600">
          Could not load keys.{" "}
          <button type="button" className="underline" onClick={onRetry}>
            Try again
          </button>
        </p>
      )}
    </>
  );
}
