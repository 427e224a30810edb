import { cache } from "react";
import { notFound } from "next/navigation";
import { AppError } from "../errors";
import { requireProjectPage } from "../projects/page-access";
import { getKey } from "./detail";

/**
 * For a key's page and its title: the project through membership, then the
 * key within it. An unknown id, a malformed one and another project's key all
 * render the same 404. Cached per request, so the title and the page read once.
 */
export const requireKeyPage = cache(async (slug: string, keyId: string) => {
  const access = await requireProjectPage(slug, "keys:read");
  try {
    return { ...access, key: await getKey({ userId: access.user.id, projectId: access.project.id, keyId }) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});
