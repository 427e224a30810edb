import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Built per request from the lazily validated options, so `next build` needs no secrets.
const handler: Handler = (request, context) =>
  (NextAuth(authOptions()) as unknown as Handler)(request, context);

export { handler as GET, handler as POST };
