import { useId, type HTMLAttributes, type ReactNode, type TdHTMLAttributes, type ThHTMLAttributes } from "react";
import { ScrollArea } from "./scroll-area";

// The dashboard's tables share one structure and one look. Cell padding
// follows the table's density through data attributes on the <table>, so a
// cell never needs padding classes of its own (two conflicting padding
// classes on one element would be decided by stylesheet order, not by intent).

type Density = "regular" | "compact";

const CELL =
  "px-4 py-3 group-data-[density=compact]/table:py-2 group-data-flush/table:first:pl-0 group-data-flush/table:last:pr-0";
const ALIGN = { left: "text-left", right: "text-right" } as const;

export function Table({
  caption,
  showCaption = false,
  density = "regular",
  numeric = false,
  framed = false,
  flush = false,
  className = "",
  children,
}: {
  /** Names the table for assistive technology (and the scroll region when it overflows). */
  caption: ReactNode;
  /** Shows the caption above the table; by default only screen readers read it, the surrounding heading says it visually. */
  showCaption?: boolean;
  density?: Density;
  /** Figures line up: digits of equal width. */
  numeric?: boolean;
  /** A card of its own (rounded, on white); without it the table sits inside the caller's card. */
  framed?: boolean;
  /** No padding before the first column and after the last: the table lines up with the text around it. */
  flush?: boolean;
  /** Classes for the scrolling box around the table (margins, a maximum height). */
  className?: string;
  children: ReactNode;
}) {
  const captionId = useId();
  const frame = framed ? "rounded-xl bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800" : "";
  return (
    <ScrollArea labelledBy={captionId} className={`${frame} ${className}`}>
      <table
        data-density={density}
        data-flush={flush || undefined}
        className={`group/table min-w-full text-sm ${numeric ? "tabular-nums" : ""}`}
      >
        <caption id={captionId} className={showCaption ? "px-4 py-2 text-left text-sm font-medium" : "sr-only"}>
          {caption}
        </caption>
        {children}
      </table>
    </ScrollArea>
  );
}

/** The column headings; `sticky` keeps them in view while a tall table scrolls in its box. */
export function TableHead({ sticky = false, children }: { sticky?: boolean; children: ReactNode }) {
  return (
    <thead className={`text-left text-xs text-zinc-500 dark:text-zinc-400 ${sticky ? "sticky top-0 z-10 bg-white dark:bg-zinc-900" : ""}`}>
      {children}
    </thead>
  );
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>;
}

export function TableRow(props: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...props} />;
}

/** A column heading (`scope="col"`, the default) or the cell that names its row (`scope="row"`). */
export function TableHeaderCell({
  scope = "col",
  align = "left",
  className = "",
  ...props
}: ThHTMLAttributes<HTMLTableCellElement> & { scope?: "col" | "row"; align?: keyof typeof ALIGN }) {
  const weight = scope === "col" ? "font-medium" : "font-normal";
  return <th scope={scope} className={`${CELL} ${ALIGN[align]} ${weight} ${className}`} {...props} />;
}

export function TableCell({ align = "left", className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement> & { align?: keyof typeof ALIGN }) {
  return <td className={`${CELL} ${ALIGN[align]} ${className}`} {...props} />;
}

/** The heading of a row-actions column: named for screen readers, blank on screen. */
export function TableActionsHeaderCell() {
  return (
    <TableHeaderCell>
      <span className="sr-only">Actions</span>
    </TableHeaderCell>
  );
}
