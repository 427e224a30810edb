import type { IncomingMessage, ServerResponse } from "node:http";
import type { Provider } from "oidc-provider";
import { interactionPath, realmPath } from "./config";
import { renderErrorPage, renderLoginPage } from "./login-page";
import { findUserByLogin } from "./users";

const invalidCredentials = "Invalid username or password.";
const maxFormBytes = 16 * 1024;
const loginRoute = new RegExp(`^${interactionPath}/([\\w-]+)(/login)?$`);

/**
 * The login form of an interaction: GET `/interaction/:uid` shows it, POST
 * `/interaction/:uid/login` checks the credentials. `path` has the realm
 * prefix already stripped. Returns false for paths it does not serve.
 *
 * No CSRF token: the interaction cookie is SameSite=Lax, so a cross-site
 * POST arrives without it and is refused as a timed-out login.
 */
export function createLoginRoutes(provider: Provider, log: (line: string) => void) {
  return async function serveLogin(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const match = loginRoute.exec(path);
    if (!match) return false;
    const [, uid, login] = match;
    const action = `${realmPath}${interactionPath}/${uid}/login`;

    let interaction;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch {
      sendHtml(res, 400, renderErrorPage("Your login attempt timed out. Go back to the application and sign in again."));
      return true;
    }
    if (interaction.uid !== uid || interaction.prompt.name !== "login") {
      sendHtml(res, 400, renderErrorPage("This login page is no longer valid. Go back to the application and sign in again."));
      return true;
    }

    if (req.method === "GET" && !login) {
      const hint = interaction.params.login_hint;
      sendHtml(res, 200, renderLoginPage({ action, username: typeof hint === "string" ? hint : "" }));
    } else if (req.method === "POST" && login) {
      const form = await readForm(req);
      const username = form.get("username") ?? "";
      const user = findUserByLogin(username);
      if (!user || user.password !== form.get("password")) {
        // Keycloak answers a failed login with the form again, status 200.
        sendHtml(res, 200, renderLoginPage({ action, username, error: invalidCredentials }));
        return true;
      }
      log(`dev-idp: ${user.username} signed in`);
      await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
    } else {
      res.writeHead(405, { Allow: login ? "POST" : "GET" }).end();
    }
    return true;
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxFormBytes) throw new Error("login form too large");
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
  });
  res.end(html);
}
