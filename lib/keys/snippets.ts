// Ready-to-paste examples shown once, beside a new key's plaintext.
export type Snippet = { id: string; label: string; code: string };

export function keySnippets(plaintext: string, apiBaseUrl: string): Snippet[] {
  const verifyUrl = `${apiBaseUrl.replace(/\/+$/, "")}/api/v1/verify`;
  return [
    { id: "shell", label: "Shell", code: `export KEYDECK_API_KEY="${plaintext}"` },
    {
      id: "curl",
      label: "curl",
      code: `curl -X POST ${verifyUrl} \\\n  -H "Authorization: Bearer ${plaintext}" \\\n  -H "Content-Type: application/json" \\\n  -d '{"cost": 1}'`,
    },
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
