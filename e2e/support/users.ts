import path from "node:path";
import { devUsers, type DevUser } from "../../scripts/dev-idp/users";

function user(username: string): DevUser {
  const found = devUsers.find((u) => u.username === username);
  if (!found) throw new Error(`no dev user ${username}`);
  return found;
}

export const alice = user("alice");
export const bob = user("bob");
export const carol = user("carol");
/** Only e2e/security/sessions.spec.ts signs in as dave: it logs him out everywhere. */
export const dave = user("dave");

/** Where the setup project saves each user's signed-in browser state. */
export const storageStateOf = (u: DevUser) => path.join("playwright", ".auth", `${u.username}.json`);
