"use server";

import { authedAction } from "./safe-action";
import { changeMemberRoleInput } from "../teams/schemas";
import { changeMemberRole as run } from "../teams/members";

export const changeMemberRole = authedAction(changeMemberRoleInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
