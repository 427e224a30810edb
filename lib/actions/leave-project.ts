"use server";

import { authedAction } from "./safe-action";
import { leaveProjectInput } from "../teams/schemas";
import { leaveProject as run } from "../teams/members";

export const leaveProject = authedAction(leaveProjectInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
