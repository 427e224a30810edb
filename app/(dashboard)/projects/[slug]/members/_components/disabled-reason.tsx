import type { RowAction } from "@/lib/teams/queries";

/** The reasons a row's actions are unavailable, each said once, visibly (not only on hover). */
export function DisabledReasons({ actions }: { actions: RowAction[] }) {
  const reasons = [...new Set(actions.flatMap((action) => (action.allowed ? [] : [action.reason])))];
  if (reasons.length === 0) return null;
  return (
    <div className="mt-1 max-w-64 whitespace-normal text-right text-xs text-zinc-500 dark:text-zinc-400">
      {reasons.map((reason) => (
        <p key={reason}>{reason}</p>
      ))}
    </div>
  );
}
