"use server";

import { authedAction } from "./safe-action";
import { setWebhookEndpointEnabledInput } from "../webhooks/schemas";
import { setWebhookEndpointEnabled as run } from "../webhooks/endpoints";

export const setWebhookEndpointEnabled = authedAction(setWebhookEndpointEnabledInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
