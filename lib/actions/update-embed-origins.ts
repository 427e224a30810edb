"use server";

import { authedAction } from "./safe-action";
import { updateEmbedOriginsInput } from "../embed/schemas";
import { updateEmbedOrigins as run } from "../embed/mutations";

export const updateEmbedOrigins = authedAction(updateEmbedOriginsInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
