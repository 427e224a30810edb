"use server";

import { authedAction } from "./safe-action";
import { rotateWebhookSecretInput } from "../webhooks/schemas";
import { rotateWebhookSecret as run } from "../webhooks/endpoints";

export const rotateWebhookSecret = authedAction(rotateWebhookSecretInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
