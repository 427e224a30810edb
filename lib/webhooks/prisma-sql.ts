import type { DbClient } from "../db";
import type { SqlExecutor } from "./outbox";

/** The outbox's executor on a Prisma (transaction) client. */
export const prismaSql =
  (client: DbClient): SqlExecutor =>
  <R,>(text: string, values: unknown[]) =>
    client.$queryRawUnsafe<R[]>(text, ...values);
