import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { viewInvitation } from "@/lib/teams/invitations";
import { ROLE_LABELS, ROLE_SUMMARIES } from "@/lib/projects/roles";
import { buttonClasses } from "@/components/ui/button";
import { LocalDate } from "@/components/ui/time";
import { RespondToInvitation } from "./_components/respond-to-invitation";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const ENDED: Record<string, string> = {
  accepted: "This invitation has already been accepted.",
  declined: "This invitation was declined.",
  revoked: "This invitation was revoked.",
  expired: "This invitation has expired.",
};

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-lg rounded-xl bg-white p-6 sm:p-8 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <h1 className="text-xl font-semibold">{title}</h1>
      <div className="mt-3 space-y-4 text-sm text-zinc-700 dark:text-zinc-300">{children}</div>
    </div>
  );
}

const backToProjects = (
  <Link href="/projects" className={buttonClasses("secondary")}>
    Go to your projects
  </Link>
);

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requirePageUser();
  const view = await viewInvitation({ userId: user.id, token });

  if (view.state === "invalid") {
    return (
      <Card title="Invitation not found">
        <p>This invitation link is not valid. Check that you copied all of it, or ask the person who invited you for a new one.</p>
        {backToProjects}
      </Card>
    );
  }
  if (view.state === "ended") {
    return (
      <Card title="Invitation no longer valid">
        <p>{ENDED[view.reason]} Ask the person who invited you for a new link if you still need access.</p>
        {backToProjects}
      </Card>
    );
  }
  if (view.state === "wrong_account") {
    return (
      <Card title="This invitation is for someone else">
        <p>
          It was sent to <strong>{view.invitedEmail}</strong>, and you are signed in as{" "}
          <strong>{view.signedInEmail ?? "an account without a verified email address"}</strong>. Nothing has changed.
        </p>
        <p>Sign out, then open the link again and sign in as {view.invitedEmail}.</p>
        <div className="flex flex-wrap gap-2">
          <form action="/auth/sign-out" method="post">
            <button type="submit" className={buttonClasses("primary")}>
              Sign out
            </button>
          </form>
          {backToProjects}
        </div>
      </Card>
    );
  }
  return (
    <Card title={`Join ${view.project.name}`}>
      <p>
        {view.invitedBy ? <strong>{view.invitedBy}</strong> : "A member"} invited you to <strong>{view.project.name}</strong> as{" "}
        <strong>{ROLE_LABELS[view.role]}</strong>.
      </p>
      <p className="text-zinc-600 dark:text-zinc-400">{ROLE_SUMMARIES[view.role]}</p>
      {view.alreadyMember && <p>You are already a member; accepting keeps the stronger of your current role and this one.</p>}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        The invitation expires <LocalDate iso={view.expiresAt} />.
      </p>
      <RespondToInvitation token={token} projectSlug={view.project.slug} />
    </Card>
  );
}
