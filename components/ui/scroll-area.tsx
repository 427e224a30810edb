"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box that scrolls its content instead of growing with it. Inline-size
 * containment keeps a wide child from widening the page even inside flex or
 * grid parents; being the containing block of its absolutely positioned
 * content keeps a screen-reader-only label deep in a wide table (`sr-only`
 * positions it) from stretching the page. While the content overflows, the
 * box joins the tab order as a labelled region, so it can be scrolled with
 * the keyboard (WCAG 2.1.1); while it fits, it adds no tab stop.
 */
export function ScrollArea({ labelledBy, className = "", children }: { labelledBy?: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);

  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    // Called once on observe, then whenever the box or its content changes size.
    const observer = new ResizeObserver(() =>
      setOverflows(box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1),
    );
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={ref}
      className={`relative w-full min-w-0 overflow-auto contain-inline-size focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${className}`}
      {...(overflows ? { tabIndex: 0, role: "region", "aria-labelledby": labelledBy } : {})}
    >
      {children}
    </div>
  );
}
