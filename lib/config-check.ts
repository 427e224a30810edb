import { ConfigError, env } from "./env";

/** Validates configuration at server start; exits with the list of problems if any. */
export function assertConfiguration() {
  try {
    env();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
