import "server-only";
import { hash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "../../../lib/db";
import { handleLeakReports, ReplayedDelivery, type LeakReporterRef } from "../../../lib/keys/leaks";
import { errorResponse, jsonResponse, type ApiResponse } from "../responses";
import { GithubPublicKeys, KeysUnavailable, type KeySource } from "./github-keys";
import { parseLeakPayload } from "./payload";
import { verifyGithubSignature, verifyScannerSignature } from "./signatures";

export type SecretScanningOptions = {
  /** GitHub's public-key document (SECRET_SCANNING_KEYS_URL or _FILE); unset: the GitHub endpoint is 404. */
  githubKeys?: KeySource;
  /** The operator's scanners' shared secret (SECRET_SCANNING_HMAC_SECRET); unset: the report endpoint is 404. */
  hmacSecret?: string;
};

type Headers = Record<string, string | string[] | undefined>;
const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/**
 * The two secret-scanning endpoints: verify the signature over the raw body,
 * refuse a replay, then hand the tokens to lib/keys/leaks.ts, which applies
 * each project's leak policy. These requests are rare and cold: they use a
 * small Prisma client of their own (opened on first use) so that the
 * dashboard's "Report leaked" and these share one implementation, activity
 * rows included.
 */
export class SecretScanningHandler {
  private readonly githubKeys: GithubPublicKeys | null;
  private client: PrismaClient | null = null;

  constructor(
    private readonly options: SecretScanningOptions & { databaseUrl: string; keyPrefix: string; encryptionKey: string; clock: () => number },
  ) {
    this.githubKeys = options.githubKeys ? new GithubPublicKeys(options.githubKeys, options.clock) : null;
  }

  async github(body: Buffer | undefined, headers: Headers): Promise<ApiResponse> {
    if (!this.githubKeys) return errorResponse("not_found");
    const keyId = single(headers["github-public-key-identifier"]);
    const signature = single(headers["github-public-key-signature"]);
    if (!keyId || !signature || !body?.length) return errorResponse("invalid_signature");
    let publicKey: string | null;
    try {
      publicKey = await this.githubKeys.find(keyId);
    } catch (error) {
      if (error instanceof KeysUnavailable) return errorResponse("service_unavailable", "GitHub's secret-scanning public keys cannot be read right now.", 30);
      throw error;
    }
    if (!publicKey || !verifyGithubSignature(body, signature, publicKey)) return errorResponse("invalid_signature");
    // GitHub's payload has no timestamp: a body handled before is refused by its digest (docs/SECURITY.md).
    return this.handle(body, { kind: "github" }, hash("sha256", body, "hex"));
  }

  async scanner(body: Buffer | undefined, headers: Headers): Promise<ApiResponse> {
    if (!this.options.hmacSecret) return errorResponse("not_found");
    const header = single(headers["keydeck-signature"]);
    if (!header || !body?.length) return errorResponse("invalid_signature");
    const verified = verifyScannerSignature(body, header, this.options.hmacSecret, this.options.clock());
    if (!verified.ok) return errorResponse("invalid_signature");
    // Within the tolerance window the same signed content is refused too.
    return this.handle(body, { kind: "scanner" }, hash("sha256", Buffer.concat([Buffer.from(`${verified.timestamp}.`), body]), "hex"));
  }

  private async handle(body: Buffer, reporter: LeakReporterRef, deliveryDigest: string): Promise<ApiResponse> {
    const reports = parseLeakPayload(body);
    if (typeof reports === "string") return errorResponse("invalid_request", reports);
    try {
      const { feedback } = await handleLeakReports(reports, reporter, {
        client: this.prisma(),
        keyPrefix: this.options.keyPrefix,
        encryptionKey: this.options.encryptionKey,
        deliveryDigest,
      });
      return jsonResponse(200, feedback);
    } catch (error) {
      if (error instanceof ReplayedDelivery) return errorResponse("replayed");
      throw error;
    }
  }

  private prisma(): PrismaClient {
    this.client ??= createPrismaClient({ url: this.options.databaseUrl, poolSize: 2 });
    return this.client;
  }

  async close(): Promise<void> {
    await this.client?.$disconnect();
  }
}
