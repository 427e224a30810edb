"use server";

import { authedAction } from "./safe-action";
import { createProjectInput } from "../projects/schemas";
import { createProject as create } from "../projects/mutations";

export const createProject = authedAction(createProjectInput, (input, { user, ip }) => create({ ...input, userId: user.id, ip }));
