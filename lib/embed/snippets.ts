import type { Snippet } from "../keys/snippets";
import { EMBED_FRAME_HEIGHT } from "./frame";

// What a partner pastes. The server snippet is a complete program: it is
// what the end-to-end test runs as the partner's site.

const trim = (url: string) => url.replace(/\/+$/, "");

export function embedSnippets({ appUrl, apiBaseUrl, publishableKey }: { appUrl: string; apiBaseUrl: string; publishableKey: string }): Snippet[] {
  const sessionsUrl = `${trim(apiBaseUrl)}/api/v1/embed/sessions`;
  const embedUrl = `${trim(appUrl)}/embed/${publishableKey}`;
  return [
    {
      id: "server",
      label: "Partner server (Node.js)",
      code: `// partner-server.mjs: run with KEYDECK_API_KEY=<a secret API key of this project> node partner-server.mjs
// Each page view gets a fresh, single-use session; the secret key never reaches the browser.
import { createServer } from "node:http";

const SESSIONS_URL = "${sessionsUrl}";
const EMBED_URL = "${embedUrl}";

createServer(async (request, response) => {
  const session = await fetch(SESSIONS_URL, {
    method: "POST",
    headers: { Authorization: \`Bearer \${process.env.KEYDECK_API_KEY}\`, "Content-Type": "application/json" },
    // Your signed-in user's id; ttl_seconds from 60 to 3600.
    body: JSON.stringify({ external_user_id: "user-123", ttl_seconds: 900 }),
  });
  if (session.status !== 201) {
    response.writeHead(502, { "Content-Type": "text/plain" }).end("Could not start the usage embed.");
    return;
  }
  const { session_token } = await session.json();
  const src = \`\${EMBED_URL}?session=\${encodeURIComponent(session_token)}\`;
  response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  response.end(\`<!doctype html>
<html lang="en">
<title>Your API usage</title>
<iframe src="\${src}" title="API usage" width="100%" height="${EMBED_FRAME_HEIGHT}" style="border:0" referrerpolicy="no-referrer"></iframe>\`);
}).listen(Number(process.env.PORT ?? 8080));`,
    },
    {
      id: "page",
      label: "Partner page (HTML)",
      code: `<!-- SESSION_TOKEN: from POST ${sessionsUrl} on your server, one per page view -->
<iframe
  src="${embedUrl}?session=SESSION_TOKEN"
  title="API usage"
  width="100%"
  height="${EMBED_FRAME_HEIGHT}"
  style="border:0"
  referrerpolicy="no-referrer"
></iframe>`,
    },
    {
      id: "curl",
      label: "Session (curl)",
      code: `curl -X POST ${sessionsUrl} \\
  -H "Authorization: Bearer $KEYDECK_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"external_user_id": "user-123", "ttl_seconds": 900}'
# 201 {"session_token": "…", "expires_at": "…"}`,
    },
  ];
}
