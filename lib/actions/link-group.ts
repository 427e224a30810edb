"use server";

import { authedAction } from "./safe-action";
import { linkGroupInput } from "../teams/schemas";
import { linkGroup as run } from "../teams/group-links";

export const linkGroup = authedAction(linkGroupInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
