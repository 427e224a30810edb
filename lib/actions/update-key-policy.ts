"use server";

import { authedAction } from "./safe-action";
import { updateKeyPolicyInput } from "../keys/policy-schemas";
import { updateKeyPolicy as run } from "../keys/policy";

export const updateKeyPolicy = authedAction(updateKeyPolicyInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
