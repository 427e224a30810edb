"use server";

import { authedAction } from "./safe-action";
import { revokeKeyInput } from "../keys/schemas";
import { revokeKey as run } from "../keys/mutations";

export const revokeKey = authedAction(revokeKeyInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
