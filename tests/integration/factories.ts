import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";

/** A user as next-auth would create it on first sign-in. */
export async function createUser(name = "Test User") {
  const id = randomUUID();
  return db.user.create({ data: { name, email: `${id}@example.test` } });
}

/** A snapshot of every row that project actions can touch, to prove that nothing changed. */
export async function snapshot() {
  const [projects, memberships, activity] = await Promise.all([
    db.project.findMany({ orderBy: { id: "asc" } }),
    db.membership.findMany({ orderBy: { id: "asc" } }),
    db.activityEvent.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ projects, memberships, activity });
}
