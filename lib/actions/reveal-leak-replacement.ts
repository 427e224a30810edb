"use server";

import { authedAction } from "./safe-action";
import { revealLeakReplacementInput } from "../keys/leak-schemas";
import { revealLeakReplacement as run } from "../keys/leak-replacements";

export const revealLeakReplacement = authedAction(revealLeakReplacementInput, (input, { user, ip }) => run({ ...input, userId: user.id, ip }));
