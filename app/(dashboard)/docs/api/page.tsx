import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { openApiDocument } from "@/lib/contract/openapi";
import { operations } from "@/lib/contract/openapi-view";
import { KEY_ENVIRONMENTS_ANCHOR, keyEnvironmentsDoc } from "@/lib/contract/key-environments";
import { OperationCard } from "./_components/operation-card";
import { Markdown } from "./_components/markdown";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiDocsPage() {
  await requirePageUser();
  const base = env().API_BASE_URL.replace(/\/+$/, "");
  return (
    <article className="max-w-4xl">
      <h1 className="text-2xl font-semibold tracking-tight">{openApiDocument.info.title}</h1>
      <Markdown source={openApiDocument.info.description} className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" />
      {/* URLs have no spaces: they break anywhere rather than widen a phone's page. */}
      <dl className="mt-4 grid gap-2 text-sm wrap-anywhere sm:grid-cols-[auto_1fr]">
        <dt className="text-zinc-500 dark:text-zinc-400">Base URL</dt>
        <dd className="font-mono">{base}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">OpenAPI 3.1</dt>
        <dd>
          <a href={`${base}/api/v1/openapi.json`} className="font-mono text-indigo-700 hover:underline dark:text-indigo-400">
            {base}/api/v1/openapi.json
          </a>
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Authentication</dt>
        <dd>
          <code className="font-mono">Authorization: Bearer &lt;API key&gt;</code>, with a key from a project&apos;s API keys tab.
        </dd>
      </dl>
      <section id={KEY_ENVIRONMENTS_ANCHOR} aria-labelledby="environments-title" className="mt-6 scroll-mt-6">
        <h2 id="environments-title" className="text-base font-semibold">
          Key environments
        </h2>
        <Markdown source={keyEnvironmentsDoc} className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" />
      </section>
      <nav aria-label="Endpoints" className="mt-6">
        <ul className="flex flex-wrap gap-2 text-sm">
          {operations().map((op) => (
            <li key={op.id}>
              <a href={`#${op.id}`} className="rounded-md px-2 py-1 font-mono ring-1 ring-zinc-200 hover:bg-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800">
                {op.method} {op.path}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-8 space-y-8">
        {operations().map((op) => (
          <OperationCard key={op.id} operation={op} />
        ))}
      </div>
    </article>
  );
}
