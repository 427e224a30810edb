/** The verification service started by playwright.config.ts. */
export const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? 14000}`;
