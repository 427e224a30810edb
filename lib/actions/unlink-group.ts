"use server";

import { authedAction } from "./safe-action";
import { unlinkGroupInput } from "../teams/schemas";
import { unlinkGroup as run } from "../teams/group-links";

export const unlinkGroup = authedAction(unlinkGroupInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
