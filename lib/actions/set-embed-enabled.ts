"use server";

import { authedAction } from "./safe-action";
import { setEmbedEnabledInput } from "../embed/schemas";
import { setEmbedEnabled as run } from "../embed/mutations";

export const setEmbedEnabled = authedAction(setEmbedEnabledInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
