"use server";

import { authedAction } from "./safe-action";
import { createProjectInput } from "../projects/schemas";
import { createProject as create } from "../projects/mutations";

export const createProject = authedAction(createProjectInput, ({ name }, { user, ip }) =>
  create({ userId: user.id, ip, name }),
);
