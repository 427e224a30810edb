"use server";

import { authedAction } from "./safe-action";
import { markNotificationsReadInput } from "../notifications/schemas";
import { markNotificationsRead as markRead } from "../notifications/feed";

export const markNotificationsRead = authedAction(markNotificationsReadInput, ({ throughEventId }, { user }) =>
  markRead({ userId: user.id, throughEventId }),
);
