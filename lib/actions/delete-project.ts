"use server";

import { authedAction } from "./safe-action";
import { deleteProjectInput } from "../projects/schemas";
import { deleteProject as remove } from "../projects/mutations";

export const deleteProject = authedAction(deleteProjectInput, ({ projectId, confirmName }, { user, ip }) =>
  remove({ userId: user.id, ip, projectId, confirmName }),
);
