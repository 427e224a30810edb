import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { signScannerBody } from "@/server/engine/secret-scanning/signatures";

// Test doubles of the two kinds of reporter: GitHub (a P-256 key pair made
// here, published in a key document of GitHub's format) and an operator's
// scanner (the HMAC secret).

export const SCANNER_SECRET = "test-scanner-secret-of-at-least-32-characters";

export function githubSigner(keyIdentifier = "test-key-1") {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
  return {
    keyIdentifier,
    pem,
    sign: (body: string) => sign("sha256", Buffer.from(body), { key: privateKey, dsaEncoding: "der" }).toString("base64"),
    headers(body: string, identifier = keyIdentifier) {
      return { "content-type": "application/json", "github-public-key-identifier": identifier, "github-public-key-signature": this.sign(body) };
    },
  };
}

/** A key document file ({public_keys: [...]}) naming these signers' public keys. */
export function keyDocumentFile(...signers: { keyIdentifier: string; pem: string }[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "keydeck-ss-")), "keys.json");
  writeKeyDocument(file, ...signers);
  return file;
}

export function writeKeyDocument(file: string, ...signers: { keyIdentifier: string; pem: string }[]) {
  writeFileSync(file, JSON.stringify({ public_keys: signers.map((s) => ({ key_identifier: s.keyIdentifier, key: s.pem, is_current: true })) }));
}

export function scannerHeaders(body: string, timestampSeconds = Math.floor(Date.now() / 1000), secret = SCANNER_SECRET) {
  return { "content-type": "application/json", "keydeck-signature": signScannerBody(body, secret, timestampSeconds) };
}

export const report = (token: string, url = "https://github.com/acme/app/blob/main/.env", source = "content") => ({ token, type: "keydeck_api_key", url, source });
