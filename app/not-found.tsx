import type { Metadata } from "next";
import Link from "next/link";

// Without it the tab said only "Keydeck" (or kept the title of the page before).
export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="font-mono text-sm text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
        This page does not exist, or you do not have access to it.
      </p>
      <Link href="/projects" className="mt-6 text-sm font-semibold text-indigo-700 hover:underline dark:text-indigo-400">
        Back to your projects
      </Link>
    </main>
  );
}
