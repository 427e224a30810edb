"use server";

import { authedAction } from "./safe-action";
import { renameProjectInput } from "../projects/schemas";
import { renameProject as rename } from "../projects/mutations";

export const renameProject = authedAction(renameProjectInput, ({ projectId, name }, { user, ip }) =>
  rename({ userId: user.id, ip, projectId, name }),
);
