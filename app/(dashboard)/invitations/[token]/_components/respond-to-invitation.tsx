"use client";

import { useRouter } from "next/navigation";
import { useAcceptInvitation, useDeclineInvitation } from "@/lib/client/use-respond-to-invitation";
import { useHydrated } from "@/lib/client/use-hydrated";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";

export function RespondToInvitation({ token, projectSlug }: { token: string; projectSlug: string }) {
  const router = useRouter();
  const accept = useAcceptInvitation();
  const decline = useDeclineInvitation();
  // Often the first page of a session (straight from the sign-in): its script may still be loading.
  const hydrated = useHydrated();
  const busy = !hydrated || accept.isPending || decline.isPending || accept.isSuccess || decline.isSuccess;
  const error = accept.error ?? decline.error;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button pending={accept.isPending} disabled={busy} onClick={() => accept.mutate({ token }, { onSuccess: () => router.push(`/projects/${projectSlug}`) })}>
          {accept.isPending ? "Accepting…" : "Accept invitation"}
        </Button>
        <Button variant="secondary" pending={decline.isPending} disabled={busy} onClick={() => decline.mutate({ token }, { onSuccess: () => router.refresh() })}>
          {decline.isPending ? "Declining…" : "Decline"}
        </Button>
      </div>
      <FormError message={error?.message ?? null} />
    </div>
  );
}
