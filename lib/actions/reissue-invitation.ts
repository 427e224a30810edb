"use server";

import { authedAction } from "./safe-action";
import { invitationActionInput } from "../teams/schemas";
import { reissueInvitation as run } from "../teams/invitations";

export const reissueInvitation = authedAction(invitationActionInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
