"use server";

import { authedAction } from "./safe-action";
import { deleteWebhookEndpointInput } from "../webhooks/schemas";
import { deleteWebhookEndpoint as run } from "../webhooks/endpoints";

export const deleteWebhookEndpoint = authedAction(deleteWebhookEndpointInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
