"use server";

import { authedAction } from "./safe-action";
import { renameKeyInput } from "../keys/schemas";
import { renameKey as run } from "../keys/policy";

export const renameKey = authedAction(renameKeyInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
