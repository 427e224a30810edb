import { readFile } from "node:fs/promises";
import path from "node:path";

// The widget's font (EMBED_FONT_PATH in lib/embed/frame.ts), served from the app's own origin so
// the widget's Content-Security-Policy allows it with font-src 'self'. The
// file is the geist package's, the same one next/font serves the dashboard.
const FONT_FILE = path.join(process.cwd(), "node_modules", "geist", "dist", "fonts", "geist-sans", "Geist-Variable.woff2");
let font: Promise<Buffer> | null = null;

export async function GET() {
  font ??= readFile(FONT_FILE);
  return new Response(new Uint8Array(await font), {
    headers: {
      "content-type": "font/woff2",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}
