"use server";

import { authedAction } from "./safe-action";
import { createWebhookEndpointInput } from "../webhooks/schemas";
import { createWebhookEndpoint as run } from "../webhooks/endpoints";

export const createWebhookEndpoint = authedAction(createWebhookEndpointInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
