"use client";

import { RelativeTime } from "@/components/ui/time";

/** "Leaked 5 minutes ago, found in https://…": on a key's row and its page. */
export function KeyLeakLine({ leak, className = "" }: { leak: { foundAt: string; url: string }; className?: string }) {
  return (
    <p className={`text-xs text-red-700 dark:text-red-400 ${className}`}>
      <span className="font-medium">
        Leaked <RelativeTime iso={leak.foundAt} />
      </span>
      {/^https?:\/\//i.test(leak.url) ? (
        <>
          , found in{" "}
          <a href={leak.url} rel="noopener noreferrer nofollow" target="_blank" className="break-all underline">
            {leak.url}
          </a>
        </>
      ) : leak.url ? (
        <span className="break-all">, found in {leak.url}</span>
      ) : (
        ", found at an address the scanner did not give"
      )}
    </p>
  );
}
