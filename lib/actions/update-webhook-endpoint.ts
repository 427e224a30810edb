"use server";

import { authedAction } from "./safe-action";
import { updateWebhookEndpointInput } from "../webhooks/schemas";
import { updateWebhookEndpoint as run } from "../webhooks/endpoints";

export const updateWebhookEndpoint = authedAction(updateWebhookEndpointInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
