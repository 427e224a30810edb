"use server";

import { authedAction } from "./safe-action";
import { reportKeyLeakedInput } from "../keys/leak-schemas";
import { reportKeyLeaked as run } from "../keys/leak-report";

export const reportKeyLeaked = authedAction(reportKeyLeakedInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
