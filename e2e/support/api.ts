/** The verification service started by playwright.config.ts. */
export const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? 14000}`;
/** Every instance of the fleet playwright.config.ts starts (the second one polls instead of listening). */
export const API_INSTANCE_URLS = [API_URL, `http://127.0.0.1:${Number(process.env.E2E_API_PORT ?? 14000) + 1}`];
