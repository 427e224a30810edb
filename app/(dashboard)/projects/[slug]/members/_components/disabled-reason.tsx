import type { RowAction } from "@/lib/teams/queries";
import type { Layout } from "@/components/ui/responsive-table";

/** The reasons a row's actions are unavailable, each said once, visibly (not only on hover). */
export function DisabledReasons({ actions, layout }: { actions: RowAction[]; layout: Layout }) {
  const reasons = [...new Set(actions.flatMap((action) => (action.allowed ? [] : [action.reason])))];
  if (reasons.length === 0) return null;
  return (
    <div className={`whitespace-normal text-xs text-zinc-500 dark:text-zinc-400 ${layout === "table" ? "mt-1 max-w-64 text-right" : "mt-2"}`}>
      {reasons.map((reason) => (
        <p key={reason}>{reason}</p>
      ))}
    </div>
  );
}
