"use server";

import { authedAction } from "./safe-action";
import { createKeyInput } from "../keys/schemas";
import { createKey as run } from "../keys/mutations";

export const createKey = authedAction(createKeyInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
