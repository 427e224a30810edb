import "server-only";
import { API_MESSAGES, missingPermissionsMessage, wrongEnvironmentMessage } from "../../lib/contract/api-messages";
import type { KeyEnvironment } from "../../lib/keys/format";
import { missingPermissions } from "../../lib/keys/permission-query";
import type { KeyRecord, Refusal, VerifyOptions } from "./types";

// A key's policy at verify time (issue 17), in the contract's order:
// environment → client address → permissions. Everything it reads is in the
// cached record and the parsed request: no I/O, and on the common paths no
// allocation (the refusals that say nothing variable are built once).

const ENVIRONMENTS: KeyEnvironment[] = ["live", "test", "sandbox"];
const WRONG_ENVIRONMENT = Object.fromEntries(
  ENVIRONMENTS.map((key) => [
    key,
    Object.fromEntries(
      ENVIRONMENTS.map((wanted) => [wanted, { valid: false, code: "wrong_environment", message: wrongEnvironmentMessage(key, wanted) }]),
    ),
  ]),
) as Record<KeyEnvironment, Record<KeyEnvironment, Refusal>>;
const CLIENT_IP_REQUIRED: Refusal = { valid: false, code: "ip_not_allowed", message: API_MESSAGES.clientIpRequired };
const IP_NOT_ALLOWED: Refusal = { valid: false, code: "ip_not_allowed", message: API_MESSAGES.ipNotAllowed };

export function policyRefusal(record: KeyRecord, request: VerifyOptions): Refusal | null {
  if (request.environment !== null && request.environment !== record.environment) {
    return WRONG_ENVIRONMENT[record.environment][request.environment];
  }
  const { policy } = record;
  if (policy.allowlist !== null) {
    if (request.clientIp === null) return CLIENT_IP_REQUIRED;
    if (!policy.allowlist.allows(request.clientIp)) return IP_NOT_ALLOWED;
  }
  if (request.permissions !== null) {
    const missing = missingPermissions(request.permissions, policy.permissionSet);
    if (missing !== null) {
      return {
        valid: false,
        code: "insufficient_permissions",
        message: missingPermissionsMessage(missing),
        missingPermissions: missing,
      };
    }
  }
  return null;
}
