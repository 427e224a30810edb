import { randomBase62 } from "../keys/base62";

// Embed credentials. Neither looks like an API key ({prefix}_{live|test|sandbox}_…),
// so presenting one as a Bearer key is refused by the format check alone.
//   publishable key  {prefix}_pk_{24 base62}  names a project's embed; public
//   signing secret   {prefix}_ss_{40 base62}  signs session tokens; shown once

const PUBLISHABLE_KEY_SHAPE = /^[a-z]{2,8}_pk_[0-9A-Za-z]{24}$/;

export function generatePublishableKey(prefix: string): string {
  return `${prefix}_pk_${randomBase62(24)}`;
}

export function isPublishableKeyShape(candidate: string): boolean {
  return candidate.length <= 40 && PUBLISHABLE_KEY_SHAPE.test(candidate);
}

export function generateSigningSecret(prefix: string): string {
  return `${prefix}_ss_${randomBase62(40)}`;
}

/** The non-secret display form: `kd_ss_AbCd…wxyz`. */
export function signingSecretHint(secret: string): string {
  const cut = secret.lastIndexOf("_") + 1;
  return `${secret.slice(0, cut + 4)}…${secret.slice(-4)}`;
}
