import type { Metadata } from "next";
import { requireProjectPage } from "./page-access";

type ProjectPageProps = { params: Promise<{ slug: string }> };

/**
 * `generateMetadata` for a project's tab: "Usage · Acme Payments · Keydeck",
 * so browser tabs and history tell pages and projects apart. It reads the
 * project through membership (cached with the page's own read), so a title
 * never names a project the viewer cannot open.
 */
export function projectPageTitle(page: string) {
  return async function generateMetadata({ params }: ProjectPageProps): Promise<Metadata> {
    const { project } = await requireProjectPage((await params).slug);
    return { title: `${page} · ${project.name}` };
  };
}
