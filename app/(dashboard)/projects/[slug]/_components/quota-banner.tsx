import Link from "next/link";
import type { QuotaStatus } from "@/lib/usage/quota";
import { quotaBannerModel } from "@/lib/usage/overview-model";

const TONES = {
  warn: "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950/40 dark:text-amber-100 dark:ring-amber-800",
  over: "bg-red-50 text-red-900 ring-red-300 dark:bg-red-950/40 dark:text-red-100 dark:ring-red-800",
};

/**
 * From 80 % of the quota, a banner over the Overview's figures: a status at
 * 80 %, an alert at 100 %, when requests are already being refused.
 */
export function QuotaBanner({ projectName, slug, quota }: { projectName: string; slug: string; quota: QuotaStatus }) {
  const banner = quotaBannerModel(projectName, quota, undefined);
  if (!banner) return null;
  return (
    <div role={banner.tone === "over" ? "alert" : "status"} className={`rounded-xl p-4 text-sm ring-1 ${TONES[banner.tone]}`}>
      <p className="font-semibold">{banner.title}</p>
      <p className="mt-1">
        {banner.text}{" "}
        <Link href={`/projects/${slug}/usage`} className="font-medium underline">
          See usage
        </Link>
      </p>
    </div>
  );
}
