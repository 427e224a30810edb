import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { listProjects } from "@/lib/projects/queries";
import { ProjectsView } from "./_components/projects-view";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const user = await requirePageUser();
  const projects = await listProjects({ userId: user.id });
  return <ProjectsView initialProjects={projects} />;
}
