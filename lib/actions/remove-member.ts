"use server";

import { authedAction } from "./safe-action";
import { removeMemberInput } from "../teams/schemas";
import { removeMember as run } from "../teams/members";

export const removeMember = authedAction(removeMemberInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
