"use server";

import { authedAction } from "./safe-action";
import { inviteMemberInput } from "../teams/schemas";
import { inviteMember as run } from "../teams/invitations";

export const inviteMember = authedAction(inviteMemberInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
