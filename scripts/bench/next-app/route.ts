// The benchmark's Next.js route handler: the same verification function
// behind `POST /api/v1/verify` of a minimal Next 16 app. scripts/bench/main.ts
// copies this file into a generated app (under .data/, outside the
// dashboard's build) and runs `next build` + `next start` on it.
import { apiEnv } from "@/lib/env";
import { errorResponse, verifyResponse, type ApiResponse } from "@/server/engine/responses";
import { serviceOptionsFromEnv, startVerificationService, type VerificationService } from "@/server/engine/service";

export const dynamic = "force-dynamic";

const holder = globalThis as unknown as { keydeckBenchService?: Promise<VerificationService> };

function service(): Promise<VerificationService> {
  holder.keydeckBenchService ??= startVerificationService(serviceOptionsFromEnv(apiEnv(), console));
  return holder.keydeckBenchService;
}

const toResponse = ({ status, headers, body }: ApiResponse) => new Response(body, { status, headers });

export async function POST(request: Request): Promise<Response> {
  const verifier = await service();
  const text = await request.text();
  let body: unknown;
  try {
    body = text.trim() ? JSON.parse(text) : undefined;
  } catch {
    return toResponse(errorResponse("invalid_request", "The body is not valid JSON."));
  }
  return toResponse(verifyResponse(await verifier.verify(request.headers.get("authorization") ?? undefined, body, () => request.headers.get("x-forwarded-for") ?? "")));
}
