"use server";

import { authedAction } from "./safe-action";
import { rotateKeyInput } from "../keys/schemas";
import { rotateKey as run } from "../keys/mutations";

export const rotateKey = authedAction(rotateKeyInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
