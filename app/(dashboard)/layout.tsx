import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { UserMenu } from "./_components/user-menu";
import { NotificationBell } from "./_components/notification-bell";

// Every page below requires a session, checked here on the server (and again
// in each page that loads data, and in every action).
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4 sm:px-6">
          <Link href="/projects" className="flex items-center gap-2 font-semibold">
            <span aria-hidden className="grid size-7 place-items-center rounded-md bg-indigo-600 font-mono text-xs font-bold text-white">
              kd
            </span>
            Keydeck
          </Link>
          <div className="flex items-center gap-3">
            <NotificationBell />
            <UserMenu name={user.name} email={user.email} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
