/** Says once, at the top of a page, which controls the reader's role does not get and who can act instead. */
export function RoleNote({ children }: { children: string | null }) {
  if (!children) return null;
  return (
    <p role="note" className="rounded-lg bg-zinc-100 px-4 py-3 text-sm text-zinc-700 dark:bg-zinc-800/60 dark:text-zinc-300">
      {children}
    </p>
  );
}
