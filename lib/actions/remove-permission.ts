"use server";

import { authedAction } from "./safe-action";
import { removePermissionInput } from "../keys/policy-schemas";
import { removeProjectPermission as run } from "../keys/permissions";

export const removePermission = authedAction(removePermissionInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
