"use client";

import { useState } from "react";
import type { UsageRange } from "../usage/usage-params";
import { withParams } from "./fetch-json";
import { toast } from "./toast";

const FILENAME = /filename="([^"]+)"/;

/**
 * Downloads the Usage tab's CSV. Fetched rather than linked, so that a
 * failure is a message on the page instead of an error body saved as a file;
 * the server names the file.
 */
export function useExportUsage(projectId: string) {
  const [pending, setPending] = useState(false);
  async function exportCsv({ range, timeZone, keyId }: { range: UsageRange; timeZone: string; keyId: string | null }) {
    setPending(true);
    try {
      const response = await fetch(withParams(`/api/projects/${projectId}/usage/export`, { range, tz: timeZone, key: keyId ?? undefined }), { cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = FILENAME.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "keydeck-usage.csv";
      link.click();
      URL.revokeObjectURL(url);
    } catch {
      toast("error", "Could not export the usage. Please try again.");
    } finally {
      setPending(false);
    }
  }
  return { exportCsv, pending };
}
