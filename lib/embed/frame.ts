// What the widget's page and the partner's snippet must agree on.

/** Where the widget's font is served (app/embed/fonts/[file]/route.ts): the dashboard's Geist, not a fallback. */
export const EMBED_FONT_PATH = "/embed/fonts/geist-sans.woff2";

/**
 * The iframe height the Integrate snippets suggest: the widget's content fits
 * it at any frame width from a phone's (390 px) up, its three figures on one
 * row, and its card fills the frame (the footer sits at the bottom), so the
 * partner's page shows neither a scrollbar nor an empty band below the card.
 */
export const EMBED_FRAME_HEIGHT = 340;
