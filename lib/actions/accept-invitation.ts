"use server";

import { authedAction } from "./safe-action";
import { respondToInvitationInput } from "../teams/schemas";
import { acceptInvitation as run } from "../teams/invitations";

export const acceptInvitation = authedAction(respondToInvitationInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
