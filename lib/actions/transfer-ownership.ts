"use server";

import { authedAction } from "./safe-action";
import { transferOwnershipInput } from "../teams/schemas";
import { transferOwnership as run } from "../teams/members";

export const transferOwnership = authedAction(transferOwnershipInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
