"use server";

import { authedAction } from "./safe-action";
import { respondToInvitationInput } from "../teams/schemas";
import { declineInvitation as run } from "../teams/invitations";

export const declineInvitation = authedAction(respondToInvitationInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
