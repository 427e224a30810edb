import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export function UserMenu({ name, email }: { name: string | null; email: string | null }) {
  return (
    <div className="flex items-center gap-3">
      <Link href="/docs/api" className="text-sm font-medium text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">
        API docs
      </Link>
      <div className="hidden text-right text-sm leading-tight sm:block">
        <div className="font-medium">{name ?? email ?? "Signed in"}</div>
        {name && email && <div className="text-xs text-zinc-500 dark:text-zinc-400">{email}</div>}
      </div>
      {/* A plain form: signs out even before the page's JavaScript has loaded. */}
      <form action="/auth/sign-out" method="post">
        <button type="submit" className={buttonClasses("secondary")}>
          Sign out
        </button>
      </form>
    </div>
  );
}
