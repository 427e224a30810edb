/** In place of a chart with nothing to plot (an empty 0–4 axis says nothing): what will appear, and why nothing has. */
export function EmptyChart({ title, body }: { title: string; body: string }) {
  return (
    <div className="mt-4 rounded-lg border-2 border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
      <h3 className="text-sm font-semibold">{title}</h3>
      <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">{body}</p>
    </div>
  );
}
