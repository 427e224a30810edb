"use server";

import { authedAction } from "./safe-action";
import { rotateEmbedSecretInput } from "../embed/schemas";
import { rotateEmbedSecret as run } from "../embed/mutations";

export const rotateEmbedSecret = authedAction(rotateEmbedSecretInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
