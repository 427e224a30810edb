"use server";

import { authedAction } from "./safe-action";
import { definePermissionInput } from "../keys/policy-schemas";
import { defineProjectPermission as run } from "../keys/permissions";

export const definePermission = authedAction(definePermissionInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
