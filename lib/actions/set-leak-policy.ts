"use server";

import { authedAction } from "./safe-action";
import { setLeakPolicyInput } from "../keys/leak-schemas";
import { setLeakPolicy as run } from "../keys/leak-policy";

export const setLeakPolicy = authedAction(setLeakPolicyInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
