"use server";

import { authedAction } from "./safe-action";
import { sendTestWebhookInput } from "../webhooks/schemas";
import { sendTestWebhook as run } from "../webhooks/deliveries";

export const sendTestWebhook = authedAction(sendTestWebhookInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
