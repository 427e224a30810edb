import { realmDisplayName } from "./config";

// Pages in the spirit of Keycloak's login theme. Everything is inline: the
// machine may be offline, and oidc-provider's own pages load web fonts from
// the internet. Anything that came from a request goes through escapeHtml.

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const styles = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;background:#f0f0f0;color:#151515;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header{padding:48px 16px 24px;text-align:center;font-size:1.6rem;font-weight:300;letter-spacing:.08em;text-transform:uppercase;color:#333}
main{max-width:460px;margin:0 auto 48px;background:#fff;border-top:4px solid #0066cc;box-shadow:0 1px 3px rgba(0,0,0,.15);padding:32px 40px}
h1{margin:0 0 24px;font-size:1.5rem;font-weight:400;text-align:center}
label{display:block;margin:16px 0 4px;font-size:.9rem;font-weight:600}
input{width:100%;padding:8px 10px;border:1px solid #b8bbbe;border-bottom-color:#6a6e73;font:inherit;background:#fff}
input:focus{outline:2px solid #0066cc;outline-offset:-1px}
input[aria-invalid=true]{border-bottom:2px solid #c9190b}
button{width:100%;margin-top:24px;padding:10px;border:0;border-radius:3px;background:#0066cc;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#004080}
.alert{margin:0 0 16px;padding:10px 12px;border-left:4px solid #c9190b;background:#faeae8;color:#7d1007}
.note{margin:24px 0 0;padding-top:16px;border-top:1px solid #d2d2d2;font-size:.85rem;color:#6a6e73}
p{margin:0 0 12px}
a{color:#0066cc}
`;

function page(title: string, body: string, script = ""): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | ${escapeHtml(realmDisplayName)}</title>
<style>${styles}</style>
</head>
<body>
<header>${escapeHtml(realmDisplayName)}</header>
<main>
${body}
</main>${script ? `\n<script>${script}</script>` : ""}
</body>
</html>`;
}

export interface LoginPageOptions {
  /** Where the form posts; under the interaction cookie's path. */
  action: string;
  username?: string;
  error?: string;
}

export function renderLoginPage({ action, username = "", error }: LoginPageOptions): string {
  const invalid = error ? ' aria-invalid="true" aria-describedby="input-error"' : "";
  const alert = error ? `<p class="alert" id="input-error" role="alert">${escapeHtml(error)}</p>\n` : "";
  return page(
    "Sign in to your account",
    `<h1>Sign in to your account</h1>
${alert}<form id="kc-form-login" method="post" action="${escapeHtml(action)}" novalidate>
<label for="username">Username or email</label>
<input id="username" name="username" type="text" value="${escapeHtml(username)}" autocomplete="username" autocapitalize="none" spellcheck="false" autofocus${invalid}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password"${invalid}>
<button id="kc-login" type="submit">Sign In</button>
</form>
<p class="note">Development identity provider — demo users: alice / alice-password, bob / bob-password</p>`,
  );
}

/**
 * `form` is oidc-provider's hidden logout form (an xsrf token, no button).
 * Keycloak logs out without asking when the app sends an id_token_hint; the
 * inline script does that here, and the button remains for browsers without
 * scripts and for requests without a hint, where Keycloak asks first.
 */
export function renderLogoutPage(form: string, { confirmed }: { confirmed: boolean }): string {
  const script = confirmed ? `document.getElementById("kc-logout").click();` : "";
  return page(
    "Logging out",
    `<h1>${confirmed ? "Signing you out…" : "Do you want to log out?"}</h1>
${form}
<button id="kc-logout" type="submit" form="op.logoutForm" name="logout" value="yes">Log out</button>`,
    script,
  );
}

export function renderSignedOutPage({ appUrl }: { appUrl?: string }): string {
  const back = appUrl ? `\n<p><a href="${escapeHtml(appUrl)}">Back to Keydeck</a></p>` : "";
  return page("You are signed out", `<h1>You are signed out</h1>\n<p>Your session with ${escapeHtml(realmDisplayName)} has ended.</p>${back}`);
}

export function renderErrorPage(message: string): string {
  return page("We are sorry...", `<h1>We are sorry...</h1>\n<p class="alert" role="alert">${escapeHtml(message)}</p>`);
}
