"use server";

import { authedAction } from "./safe-action";
import { revokeEmbedSecretsInput } from "../embed/schemas";
import { revokeEmbedSecrets as run } from "../embed/mutations";

export const revokeEmbedSecrets = authedAction(revokeEmbedSecretsInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
