"use client";

import type { EmbedSettings } from "@/lib/embed/settings";
import { embedSnippets } from "@/lib/embed/snippets";
import { useGetEmbedSettings } from "@/lib/client/use-get-embed-settings";
import { Badge } from "@/components/ui/badge";
import { RoleNote } from "@/components/ui/role-note";
import { SnippetTabs } from "@/components/ui/snippet-tabs";
import { EmbedSwitch } from "./embed-switch";
import { OriginsForm } from "./origins-form";
import { PublishableKey } from "./publishable-key";
import { SigningSecrets } from "./signing-secrets";

const card = "rounded-xl bg-white p-6 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800";

export function EmbedView({
  projectId,
  initial,
  canWrite,
  roleNote,
  appUrl,
  apiBaseUrl,
}: {
  projectId: string;
  initial: EmbedSettings;
  canWrite: boolean;
  roleNote: string | null;
  appUrl: string;
  apiBaseUrl: string;
}) {
  const { data: settings } = useGetEmbedSettings(projectId, initial);
  const configured = settings.publishableKey !== null;
  return (
    <div className="max-w-3xl space-y-6">
      <RoleNote>{roleNote}</RoleNote>
      <section aria-labelledby="embed-mode-heading" className={card}>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="max-w-xl">
            <h2 id="embed-mode-heading" className="flex items-center gap-2 text-base font-semibold">
              Embed mode <Badge tone={settings.enabled ? "green" : "zinc"}>{settings.enabled ? "On" : "Off"}</Badge>
            </h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              Partners show this project&apos;s usage widget in their own site: their server asks for a short-lived session with a secret API
              key, their page frames the widget. Only the origins you list below may frame it.
            </p>
          </div>
          {canWrite && <EmbedSwitch projectId={projectId} enabled={settings.enabled} />}
        </div>
      </section>

      {configured && (
        <>
          <section aria-labelledby="credentials-heading" className={`${card} space-y-6`}>
            <h2 id="credentials-heading" className="text-base font-semibold">
              Credentials
            </h2>
            <PublishableKey value={settings.publishableKey!} />
            <SigningSecrets projectId={projectId} secrets={settings.secrets} canWrite={canWrite} />
          </section>

          <section aria-labelledby="origins-heading" className={card}>
            <h2 id="origins-heading" className="text-base font-semibold">
              Allowed origins
            </h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              The sites that may frame the widget, one exact origin per line, like <span className="font-mono">https://partner.example.com</span>{" "}
              (add the port if it is not 443). Browsers refuse to show the widget anywhere else.
            </p>
            <OriginsForm key={settings.origins.join("\n")} projectId={projectId} origins={settings.origins} canWrite={canWrite} />
          </section>

          <section aria-labelledby="integrate-heading" className={card}>
            <h2 id="integrate-heading" className="text-base font-semibold">
              Integrate
            </h2>
            <p className="mt-1 mb-4 text-sm text-zinc-600 dark:text-zinc-400">
              Create a session on your server for each page view, then frame the widget with it. A session token opens the widget once;
              the widget then keeps a cookie for the session&apos;s lifetime.
            </p>
            <SnippetTabs label="Integration examples" snippets={embedSnippets({ appUrl, apiBaseUrl, publishableKey: settings.publishableKey! })} />
          </section>
        </>
      )}
    </div>
  );
}
