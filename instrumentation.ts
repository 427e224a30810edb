// Runs once when the server starts: invalid configuration stops it here, with
// a list of what is wrong, instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertConfiguration } = await import("./lib/config-check");
    assertConfiguration();
  }
}
