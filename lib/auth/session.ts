import { cache } from "react";
import { headers } from "next/headers";
import { connection } from "next/server";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth/next";
import { authOptions } from "./options";

export type SessionUser = { id: string; name: string | null; email: string | null };

/** The signed-in user of this request, or null. One database read per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Per-request by nature: never prerender a page at build time because of it.
  await connection();
  const session = await getServerSession(authOptions());
  const user = session?.user as Partial<SessionUser> | undefined;
  if (!user?.id) return null;
  return { id: user.id, name: user.name ?? null, email: user.email ?? null };
});

/**
 * For pages and layouts: the signed-in user, or a redirect to sign-in that
 * comes back to the page asked for (the proxy passes its path along).
 */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (user) return user;
  const path = (await headers()).get("x-keydeck-path");
  const back = path && path.startsWith("/") && !path.startsWith("//") ? path : "/projects";
  redirect(`/login?callbackUrl=${encodeURIComponent(back)}`);
}
