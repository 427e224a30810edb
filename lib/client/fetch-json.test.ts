import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchJson, withParams } from "./fetch-json";

// A real HTTP server: the helper is checked against real responses, not a stubbed fetch.
let server: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.url ?? "");
    if (request.url?.startsWith("/missing")) {
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found" } }));
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ url: request.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fetchJson", () => {
  it("returns the parsed body of a 2xx answer", async () => {
    await expect(fetchJson<{ url: string }>(`${base}/api/projects`, "Could not load projects.")).resolves.toEqual({ url: "/api/projects" });
  });

  it("throws the page's sentence, not the error body, when the answer is not 2xx", async () => {
    await expect(fetchJson(`${base}/missing`, "Could not load keys.")).rejects.toThrow(new Error("Could not load keys."));
  });

  it("sends the defined parameters encoded and leaves out the undefined ones", async () => {
    await fetchJson(`${base}/usage`, "x", { tz: "America/Argentina/Buenos_Aires", q: "kd_live_a&b=c", cursor: undefined });
    const url = new URL(seen.at(-1)!, base);
    expect(url.pathname).toBe("/usage");
    expect([...url.searchParams]).toEqual([
      ["tz", "America/Argentina/Buenos_Aires"],
      ["q", "kd_live_a&b=c"],
    ]);
  });
});

describe("withParams", () => {
  it("adds no question mark when no parameter is defined", () => {
    expect(withParams("/api/projects")).toBe("/api/projects");
    expect(withParams("/api/projects", { cursor: undefined })).toBe("/api/projects");
  });
});
