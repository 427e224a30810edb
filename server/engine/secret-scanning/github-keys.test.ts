import { describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { githubSigner, keyDocumentFile, writeKeyDocument } from "@/tests/integration/secret-scanning";
import { GithubPublicKeys, KeysUnavailable, MIN_REFETCH_MS } from "./github-keys";
import { verifyGithubSignature } from "./signatures";

describe("GitHub's secret-scanning public keys", () => {
  it("refetches on an unknown key id, at most once per MIN_REFETCH_MS", async () => {
    const first = githubSigner("k1");
    const second = githubSigner("k2");
    const third = githubSigner("k3");
    const file = keyDocumentFile(first);
    let now = 1_000_000;
    const keys = new GithubPublicKeys({ file }, () => now);
    expect(await keys.find("k1")).toBe(first.pem);
    // GitHub rotates: the document now has k2, and an unknown id finds it at once (the last read was long enough ago).
    writeKeyDocument(file, first, second);
    now += MIN_REFETCH_MS;
    expect(await keys.find("k2")).toBe(second.pem);
    // Right after, made-up ids do not read the document again, so a new key is not seen until the interval passes.
    writeKeyDocument(file, first, second, third);
    expect(await keys.find("made-up")).toBeNull();
    expect(await keys.find("k3")).toBeNull();
    now += MIN_REFETCH_MS;
    expect(await keys.find("k3")).toBe(third.pem);
    // A failed refetch keeps the keys already known.
    rmSync(file);
    now += MIN_REFETCH_MS;
    expect(await keys.find("k4")).toBeNull();
    expect(await keys.find("k1")).toBe(first.pem);
  });

  it("without any document read, the keys are unavailable (the endpoint answers 503, GitHub retries)", async () => {
    await expect(new GithubPublicKeys({ file: "/nonexistent/keys.json" }).find("k1")).rejects.toBeInstanceOf(KeysUnavailable);
  });

  it("verifies GitHub's DER signatures over the exact bytes", () => {
    const signer = githubSigner();
    const body = '[{"token":"x","type":"t","url":"","source":"content"}]';
    expect(verifyGithubSignature(Buffer.from(body), signer.sign(body), signer.pem)).toBe(true);
    expect(verifyGithubSignature(Buffer.from(body + " "), signer.sign(body), signer.pem)).toBe(false);
    expect(verifyGithubSignature(Buffer.from(body), githubSigner().sign(body), signer.pem)).toBe(false);
    expect(verifyGithubSignature(Buffer.from(body), "", signer.pem)).toBe(false);
    expect(verifyGithubSignature(Buffer.from(body), signer.sign(body), "not a key")).toBe(false);
  });
});
