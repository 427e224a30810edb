"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { label: "Overview", path: "" },
  { label: "API keys", path: "/keys" },
  { label: "Usage", path: "/usage" },
  { label: "Embed", path: "/embed" },
  { label: "Webhooks", path: "/webhooks" },
  { label: "Activity", path: "/activity" },
  { label: "Members", path: "/members" },
  { label: "Settings", path: "/settings" },
];

export function ProjectTabs({ slug }: { slug: string }) {
  const pathname = usePathname();
  const bar = useRef<HTMLElement>(null);
  const base = `/projects/${slug}`;

  // On a phone the later tabs start out of view; bring the current one in
  // (centred in the bar) whenever the page changes. Only the bar scrolls:
  // scrollIntoView would also move the page, away from where the reader was.
  useEffect(() => {
    const nav = bar.current;
    const current = nav?.querySelector<HTMLElement>("[aria-current=page]");
    if (!nav || !current) return;
    const start = current.getBoundingClientRect().left - nav.getBoundingClientRect().left + nav.scrollLeft;
    if (start >= nav.scrollLeft && start + current.offsetWidth <= nav.scrollLeft + nav.clientWidth) return;
    nav.scrollLeft = start - (nav.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);

  return (
    // On a narrow screen the tabs scroll sideways instead of widening the page;
    // the list carries the baseline so the current tab's underline can cover it,
    // and the padding (offset by negative margins) keeps focus rings unclipped.
    <nav ref={bar} aria-label="Project sections" className="-mx-1 mt-5 overflow-x-auto px-1 pt-1">
      <ul className="flex w-max min-w-full gap-6 border-b border-zinc-200 dark:border-zinc-800">
        {TABS.map((tab) => {
          const href = base + tab.path;
          const current = tab.path === "" ? pathname === base : pathname.startsWith(href);
          return (
            <li key={tab.label} className="-mb-px">
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-1 pb-3 text-sm font-medium ${
                  current
                    ? "border-indigo-600 text-indigo-700 dark:text-indigo-400"
                    : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-200"
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
