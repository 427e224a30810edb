import { Fragment, type ComponentProps, type ReactNode } from "react";
import { Button } from "./button";
import { Table, TableActionsHeaderCell, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "./table";

// One list in two forms: a table from the sm breakpoint (640 px), and below it
// a stack of cards, where the columns would not fit and the row actions would
// sit far off to the right. Both forms come from the same column definitions
// and CSS shows one of them: display:none keeps the other out of the
// accessibility tree, so each row action is one button for assistive
// technology (and for a test that finds it by role).

export type Layout = "table" | "card";

export type Column<T> = {
  /** The column heading, and the field's label on a card. */
  header: string;
  cell: (row: T, layout: Layout) => ReactNode;
  /** Classes of the table cell (wrapping, colour, font). */
  className?: string;
  /** Where the value goes on a card: its title (top left), beside the title (top right), or a labelled field. */
  card?: "title" | "aside" | "field";
  /** Rows whose card leaves this field out (a value most rows lack); the table still has its cell. */
  cardOmit?: (row: T) => boolean;
  /** A less important column the table leaves out below 1024 px, so that a tablet sees the status and the actions without scrolling; cards keep it. */
  wideOnly?: boolean;
};

/** The anchor of a row in one form: the table's row and the card cannot share an id. */
export const rowAnchor = (id: string, layout: Layout) => (layout === "table" ? id : `${id}-card`);

const WIDE_ONLY = "hidden lg:table-cell";
const BREAK_ANYWHERE = "min-w-0 wrap-anywhere";

export function ResponsiveTable<T extends { id: string }>({
  caption,
  rows,
  columns,
  actions,
  rowId,
  rowBusy,
  className = "",
}: {
  /** Names the table, and the list of cards, for assistive technology. */
  caption: string;
  rows: T[];
  columns: Column<T>[];
  /** The row's buttons: in the last column of the table, at the foot of a card. */
  actions?: (row: T, layout: Layout) => ReactNode;
  /** An anchor for each row (see rowAnchor), highlighted while the URL points at it. */
  rowId?: (row: T) => string;
  /** The row is being changed: assistive technology hears it as busy. */
  rowBusy?: (row: T) => boolean;
  /** Classes of both forms (margins). */
  className?: string;
}) {
  const placed = (where: Column<T>["card"]) => columns.filter((column) => (column.card ?? "field") === where);
  return (
    <>
      <Table caption={caption} framed className={`hidden sm:block ${className}`}>
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell key={column.header} className={column.wideOnly ? WIDE_ONLY : ""}>
                {column.header}
              </TableHeaderCell>
            ))}
            {actions && <TableActionsHeaderCell />}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow
              key={row.id}
              id={rowId && rowAnchor(rowId(row), "table")}
              aria-busy={rowBusy?.(row) || undefined}
              className="target:bg-indigo-50 dark:target:bg-indigo-950/40"
            >
              {columns.map((column) => (
                <TableCell key={column.header} className={`${column.className ?? ""} ${column.wideOnly ? WIDE_ONLY : ""}`}>
                  {column.cell(row, "table")}
                </TableCell>
              ))}
              {actions && (
                <TableCell align="right" className="whitespace-nowrap">
                  {actions(row, "table")}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <ul aria-label={caption} className={`space-y-3 sm:hidden ${className}`}>
        {rows.map((row) => {
          const rowActions = actions?.(row, "card");
          return (
            <li
              key={row.id}
              id={rowId && rowAnchor(rowId(row), "card")}
              aria-busy={rowBusy?.(row) || undefined}
              className="rounded-xl bg-white p-4 text-sm ring-1 ring-zinc-200 target:ring-2 target:ring-indigo-500 dark:bg-zinc-900 dark:ring-zinc-800"
            >
              <div className="flex items-start justify-between gap-3">
                <div className={BREAK_ANYWHERE}>
                  {placed("title").map((column) => (
                    <Fragment key={column.header}>{column.cell(row, "card")}</Fragment>
                  ))}
                </div>
                <div className="shrink-0">
                  {placed("aside").map((column) => (
                    <Fragment key={column.header}>{column.cell(row, "card")}</Fragment>
                  ))}
                </div>
              </div>
              <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5">
                {placed("field").filter((column) => !column.cardOmit?.(row)).map((column) => (
                  <Fragment key={column.header}>
                    <dt className="text-zinc-500 dark:text-zinc-400">{column.header}</dt>
                    <dd className={BREAK_ANYWHERE}>{column.cell(row, "card")}</dd>
                  </Fragment>
                ))}
              </dl>
              {rowActions && <div className="mt-3 border-t border-zinc-100 pt-3 dark:border-zinc-800">{rowActions}</div>}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** A row's buttons: a right-aligned group in the table, a wrapping row at the foot of a card. */
export function RowActions({ layout, children }: { layout: Layout; children: ReactNode }) {
  return <div className={layout === "table" ? "flex justify-end gap-1" : "flex flex-wrap gap-2"}>{children}</div>;
}

/** A row action's button: quiet in a table row; outlined on a card, where it stands on its own. */
export function RowButton({ layout, danger = false, ...props }: Omit<ComponentProps<typeof Button>, "variant" | "className"> & { layout: Layout; danger?: boolean }) {
  const variant = layout === "table" ? "ghost" : "secondary";
  return <Button variant={danger ? `${variant}-danger` : variant} {...props} />;
}
