import { cache } from "react";
import { notFound } from "next/navigation";
import { requirePageUser } from "../auth/session";
import { AppError } from "../errors";
import { requireProjectAccess } from "./access";
import type { Permission } from "./roles";

/**
 * For project pages: the signed-in user and the project, through membership.
 * Someone else's project and an unknown slug both render the same 404.
 */
export const requireProjectPage = cache(async (slug: string, permission: Permission = "project:read") => {
  const user = await requirePageUser();
  try {
    const access = await requireProjectAccess({ userId: user.id, slug, permission });
    return { user, ...access };
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
});
