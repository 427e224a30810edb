"use server";

import { authedAction } from "./safe-action";
import { confirmRevealInput } from "../idempotency/schemas";
import { confirmReveal as run } from "../idempotency/confirm";

export const confirmReveal = authedAction(confirmRevealInput, (input, { user }) => run({ ...input, userId: user.id }));
