-- CreateEnum
CREATE TYPE "CreditRefillInterval" AS ENUM ('daily', 'monthly');

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "all_permissions" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "credit_refill_amount" INTEGER,
ADD COLUMN     "credit_refill_interval" "CreditRefillInterval",
ADD COLUMN     "credits_granted" INTEGER,
ADD COLUMN     "credits_period_start" TIMESTAMPTZ(3),
ADD COLUMN     "credits_used" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "credits_version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ip_allowlist" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "permissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "rate_limit_rps" INTEGER;

-- CreateTable
CREATE TABLE "project_permissions" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_permissions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "project_permissions_project_id_name_key" ON "project_permissions"("project_id", "name");

-- AddForeignKey
ALTER TABLE "project_permissions" ADD CONSTRAINT "project_permissions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Policy invariants the dashboard's validation also enforces, and they hold for
-- an operator's manual UPDATE too. (Names and CIDRs are checked in lib/keys/policy.ts.)
ALTER TABLE "api_keys" ALTER COLUMN "permissions" SET NOT NULL;
ALTER TABLE "api_keys" ALTER COLUMN "ip_allowlist" SET NOT NULL;
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_permissions_bounded"
  CHECK (cardinality("permissions") <= 200 AND ("all_permissions" = false OR cardinality("permissions") = 0));
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_ip_allowlist_bounded" CHECK (cardinality("ip_allowlist") <= 100);
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_rate_limit_positive" CHECK ("rate_limit_rps" IS NULL OR "rate_limit_rps" BETWEEN 1 AND 100000);
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_credits_valid"
  CHECK ("credits_granted" IS NULL OR ("credits_granted" BETWEEN 0 AND 1000000000 AND "credits_period_start" IS NOT NULL));
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_credits_used_nonnegative" CHECK ("credits_used" >= 0);
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_credit_refill_complete"
  CHECK (("credit_refill_interval" IS NULL) = ("credit_refill_amount" IS NULL)
     AND ("credit_refill_amount" IS NULL OR ("credit_refill_amount" > 0 AND "credits_granted" IS NOT NULL)));

ALTER TABLE "project_permissions" ADD CONSTRAINT "project_permissions_name_format"
  CHECK ("name" ~ '^[A-Za-z0-9._*-]{1,64}$');
ALTER TABLE "project_permissions" ADD CONSTRAINT "project_permissions_description_length" CHECK (length("description") <= 200);
