import { SANDBOX_KEYS_PER_IP, SANDBOX_UNIT_CAP } from "../plans/plans";

/** The docs page's section on environments: where the create-key dialog links to explain sandbox keys. */
export const KEY_ENVIRONMENTS_ANCHOR = "environments";

/** Markdown. The dashboard creates live and test keys only; sandbox keys come from the API. */
export const keyEnvironmentsDoc = [
  "Every key names its environment (`kd_live_…`, `kd_test_…`, `kd_sandbox_…`) and `POST /api/v1/verify` returns it as `environment`, " +
    "so your API can treat them differently.",
  "",
  "- **live**: for production traffic. Created in a project's *API keys* tab.",
  "- **test**: for development and CI. Created in the same tab; uses the project's quota, or a quota of its own for test keys if the operator set one.",
  "- **sandbox**: for trying the API before signing up, so not created in the dashboard. Anyone can mint one anonymously, without an account, " +
    "with [`POST /api/v1/sandbox/key`](#createSandboxKey). It belongs to a shared trial project, not to yours, " +
    `lives 24 hours or ${SANDBOX_UNIT_CAP} units, whichever ends first, and sees only its own usage; ` +
    `one client address can mint ${SANDBOX_KEYS_PER_IP} a day.`,
].join("\n");
