"use client";

import { reportKeyLeaked } from "../actions/report-key-leaked";
import { describeReceipt } from "../keys/receipt";
import { keyKeys, usageKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

const OUTCOME: Record<string, string> = {
  notified: "recorded; under this project's policy the key keeps working",
  revoked: "recorded and the key revoked",
  replaced: "recorded, the key revoked and a replacement issued for the next owner or admin to reveal",
  already_revoked: "recorded; the key was already revoked",
};

/** Never optimistic: the page shows the leak (and a revocation) only once the server has handled it. */
export function useReportKeyLeaked(projectId: string) {
  return useActionMutation({
    action: (input: { keyId: string; url: string; hint: string }) => reportKeyLeaked({ projectId, keyId: input.keyId, url: input.url }),
    invalidates: [keyKeys.all(projectId), usageKeys.all(projectId)],
    refreshesPages: true,
    successToast: ({ alreadyReported, leak, receipt }, { hint }) =>
      alreadyReported
        ? `${hint} was already reported leaked at this address; nothing changed.`
        : `Leak of ${hint} ${OUTCOME[leak.action] ?? "recorded"}${receipt ? `: ${describeReceipt(receipt)}` : ""}.`,
  });
}
