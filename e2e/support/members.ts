import { randomUUID } from "node:crypto";
import type { Role } from "@prisma/client";
import { query } from "./db";
import type { DevUser } from "../../scripts/dev-idp/users";
import { bob } from "./users";

/** `user` (bob unless named) joins the project with `role`, as an accepted invitation would make them. */
export async function makeMember(projectId: string, role: Role, user: DevUser = bob): Promise<void> {
  await query(
    `INSERT INTO memberships (id, project_id, user_id, role, direct_role)
     SELECT $1, $2, id, $3::"Role", $3::"Role" FROM users WHERE email = $4
     ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role, direct_role = excluded.direct_role`,
    [`m${randomUUID().replaceAll("-", "")}`, projectId, role, user.email],
  );
}
