"use client";

import type { IssuedInvitation } from "@/lib/teams/invitations";
import { RevealSecret } from "@/components/ui/reveal-secret";
import { LocalDate } from "@/components/ui/time";

/** The one time an invitation link is on screen: it works for the invited address only, once. */
export function InvitationLink({ invitation, onDone }: { invitation: IssuedInvitation; onDone: () => void }) {
  return (
    <RevealSecret
      label="Invitation link"
      plaintext={invitation.link}
      confirmLabel="I have copied the link"
      onDone={onDone}
      warning={
        <>
          {invitation.emailed
            ? `We also emailed this link to ${invitation.email}. `
            : invitation.emailProblem
              ? `${invitation.emailProblem} `
              : "Send this link to them yourself. "}
          It is shown only now, works once, and only for {invitation.email}. It expires <LocalDate iso={invitation.expiresAt} />.
        </>
      }
    />
  );
}
