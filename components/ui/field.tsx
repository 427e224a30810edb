import { useId, type InputHTMLAttributes } from "react";

/**
 * A labelled text input with its hint and inline errors wired up for screen
 * readers. With `limit` (a controlled input) it shows a character counter
 * instead of cutting the text: a pasted name that is too long stays visible,
 * says by how much, and the server refuses it with a message.
 */
export function TextField({
  label,
  hint,
  errors,
  limit,
  className = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; errors?: string[]; limit?: number }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const counterId = `${id}-counter`;
  const invalid = Boolean(errors?.length);
  const length = typeof props.value === "string" ? props.value.length : 0;
  const over = limit !== undefined && length > limit;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <input
        id={id}
        {...props}
        aria-invalid={invalid || over || undefined}
        aria-describedby={[hint ? hintId : "", limit !== undefined ? counterId : "", invalid ? errorId : ""].filter(Boolean).join(" ") || undefined}
        className={`mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs ring-1 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-inset dark:bg-zinc-900 dark:text-zinc-100 ${
          invalid || over ? "ring-red-500 focus:ring-red-600" : "ring-zinc-300 focus:ring-indigo-600 dark:ring-zinc-700"
        }`}
      />
      {limit !== undefined && (
        <p id={counterId} className={`mt-1 text-right text-xs tabular-nums ${over ? "font-medium text-red-600 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}>
          {over ? `${length - limit} too many: ${length}/${limit} characters` : `${length}/${limit} characters`}
        </p>
      )}
      {hint && !invalid && (
        <p id={hintId} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950/50 dark:text-red-300">
      {message}
    </p>
  );
}
