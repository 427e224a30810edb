import { db } from "../db";
import { AppError } from "../errors";
import { REPEAT_WINDOW_MS } from "./schemas";

/**
 * The user has copied the one-time secret that answered their request
 * `idempotencyKey` (the reveal dialog's Done): its sealed copy is deleted at
 * once, and a repeat of the request is told "already created" instead of
 * seeing the secret again. Confirming twice changes nothing more; a key the
 * user has not used (or whose window has passed) is "not found".
 */
export async function confirmReveal({ userId, idempotencyKey }: { userId: string; idempotencyKey: string }) {
  const confirmed = await db.idempotentRequest.updateMany({
    where: { userId, idempotencyKey, sealedSecret: { not: null } },
    data: { sealedSecret: null, revealConfirmedAt: new Date() },
  });
  if (confirmed.count === 0) {
    const known = await db.idempotentRequest.findFirst({
      where: { userId, idempotencyKey, createdAt: { gt: new Date(Date.now() - REPEAT_WINDOW_MS) } },
      select: { id: true },
    });
    if (!known) throw new AppError("not_found");
  }
  return { confirmed: true as const };
}
