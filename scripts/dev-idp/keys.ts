import { generateKeyPairSync, randomBytes, type JsonWebKey } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

export interface DevIdpKeys {
  /** Private signing keys in JWKS form, as oidc-provider's `jwks` option takes them. */
  jwks: { keys: JsonWebKey[] };
  /** Secrets that sign the provider's cookies. */
  cookieKeys: string[];
}

const signingJwksSchema = z.object({
  keys: z.array(z.looseObject({ kty: z.literal("RSA"), kid: z.string(), d: z.string() })).min(1),
});
const cookieKeysSchema = z.array(z.string().min(32)).min(1);

/**
 * Loads the keys from `dataDir`, creating them on first use. They are kept on
 * disk so that restarting the provider neither invalidates the tokens the app
 * holds nor signs everybody out of the provider's own session cookie.
 */
export async function loadOrCreateKeys(dataDir: string): Promise<DevIdpKeys> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const jwks = await readOrCreate(join(dataDir, "signing-jwks.json"), signingJwksSchema, createSigningJwks);
  const cookieKeys = await readOrCreate(join(dataDir, "cookie-keys.json"), cookieKeysSchema, createCookieKeys);
  return { jwks: { keys: jwks.keys }, cookieKeys };
}

function createSigningJwks(): { keys: JsonWebKey[] } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" });
  return { keys: [{ ...jwk, kid: randomBytes(16).toString("base64url"), alg: "RS256", use: "sig" }] };
}

function createCookieKeys(): string[] {
  return [randomBytes(32).toString("base64url")];
}

async function readOrCreate<T>(file: string, schema: z.ZodType<T>, create: () => unknown): Promise<T> {
  const existing = await readJson(file);
  if (existing === undefined) {
    // Write beside the target, then hard-link it into place: link() fails if
    // another process created the file meanwhile, and then both use that one
    // instead of each trusting a key of its own.
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(temporary, `${JSON.stringify(create(), null, 2)}\n`, { mode: 0o600 });
    try {
      await link(temporary, file);
    } catch (error) {
      if (!isErrorCode(error, "EEXIST")) throw error;
    } finally {
      await unlink(temporary);
    }
  }
  const parsed = schema.safeParse(existing ?? (await readJson(file)));
  if (!parsed.success) {
    throw new Error(`dev-idp: ${file} is not a valid key file; delete it and a new one is generated.`);
  }
  return parsed.data;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (isErrorCode(error, "ENOENT")) return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null; // reported by the schema check with the file name
  }
}

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
