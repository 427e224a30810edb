"use server";

import { authedAction } from "./safe-action";
import { invitationActionInput } from "../teams/schemas";
import { revokeInvitation as run } from "../teams/invitations";

export const revokeInvitation = authedAction(invitationActionInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
