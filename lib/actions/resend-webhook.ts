"use server";

import { authedAction } from "./safe-action";
import { resendWebhookInput } from "../webhooks/schemas";
import { resendWebhook as run } from "../webhooks/deliveries";

export const resendWebhook = authedAction(resendWebhookInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
