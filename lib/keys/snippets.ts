// Ready-to-paste examples: shown once beside a new key's plaintext, and on
// the Overview of a project waiting for its first call (with a placeholder).
export type Snippet = { id: string; label: string; code: string };

const verifyUrlOf = (apiBaseUrl: string) => `${apiBaseUrl.replace(/\/+$/, "")}/api/v1/verify`;

/** `bearer` goes inside double quotes in a shell: a key, or a variable that holds one. */
const verifyCurl = (verifyUrl: string, bearer: string) =>
  `curl -X POST ${verifyUrl} \\\n  -H "Authorization: Bearer ${bearer}" \\\n  -H "Content-Type: application/json" \\\n  -d '{"cost": 1}'`;

export function keySnippets(plaintext: string, apiBaseUrl: string): Snippet[] {
  const verifyUrl = verifyUrlOf(apiBaseUrl);
  return [
    { id: "shell", label: "Shell", code: `export KEYDECK_API_KEY="${plaintext}"` },
    { id: "curl", label: "curl", code: verifyCurl(verifyUrl, plaintext) },
    {
      id: "node",
      label: "Node",
      code: `const response = await fetch("${verifyUrl}", {\n  method: "POST",\n  headers: {\n    Authorization: "Bearer ${plaintext}",\n    "Content-Type": "application/json",\n  },\n  body: JSON.stringify({ cost: 1 }),\n});\nconsole.log(response.status, await response.json());`,
    },
    {
      id: "python",
      label: "Python",
      code: `import requests\n\nresponse = requests.post(\n    "${verifyUrl}",\n    headers={"Authorization": "Bearer ${plaintext}"},\n    json={"cost": 1},\n)\nprint(response.status_code, response.json())`,
    },
  ];
}

/**
 * The first verify call, for a key the page does not have (and must never
 * show): the reader pastes theirs into the variable.
 */
export function firstCallSnippet(apiBaseUrl: string): Snippet {
  return {
    id: "curl",
    label: "curl",
    code: `export KEYDECK_API_KEY="<paste your API key>"\n${verifyCurl(verifyUrlOf(apiBaseUrl), "$KEYDECK_API_KEY")}`,
  };
}
