-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('free', 'pro', 'custom');

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "custom_monthly_units" INTEGER,
ADD COLUMN     "custom_rps" INTEGER,
ADD COLUMN     "embed_enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "plan" "Plan" NOT NULL DEFAULT 'free',
ADD COLUMN     "test_monthly_units" INTEGER;

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "minted_ip" TEXT,
ADD COLUMN     "unit_cap" INTEGER;

-- CreateTable
CREATE TABLE "usage_hourly" (
    "key_id" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "project_id" TEXT NOT NULL,
    "environment" "KeyEnvironment" NOT NULL,
    "units" BIGINT NOT NULL DEFAULT 0,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "refused_unauthorized" BIGINT NOT NULL DEFAULT 0,
    "refused_quota" BIGINT NOT NULL DEFAULT 0,
    "refused_rate" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "usage_hourly_pkey" PRIMARY KEY ("key_id","hour")
);

-- CreateTable
CREATE TABLE "project_usage" (
    "project_id" TEXT NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "environment" "KeyEnvironment" NOT NULL,
    "units" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "project_usage_pkey" PRIMARY KEY ("project_id","period_start","environment")
);

-- CreateTable
CREATE TABLE "metering_batches" (
    "id" UUID NOT NULL,
    "instance_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metering_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cache_invalidations" (
    "id" BIGINT NOT NULL,
    "key_id" TEXT,
    "project_id" TEXT,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cache_invalidations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invalidation_sequence" (
    "id" INTEGER NOT NULL,
    "last_id" BIGINT NOT NULL,

    CONSTRAINT "invalidation_sequence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_instances" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "applied_invalidation_id" BIGINT NOT NULL,
    "lease_ms" INTEGER NOT NULL,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_instances_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "usage_hourly_project_id_hour_idx" ON "usage_hourly"("project_id", "hour");

-- CreateIndex
CREATE INDEX "metering_batches_created_at_idx" ON "metering_batches"("created_at");

-- CreateIndex
CREATE INDEX "cache_invalidations_created_at_idx" ON "cache_invalidations"("created_at");

-- CreateIndex
CREATE INDEX "api_keys_minted_ip_created_at_idx" ON "api_keys"("minted_ip", "created_at");

-- AddForeignKey
ALTER TABLE "usage_hourly" ADD CONSTRAINT "usage_hourly_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_hourly" ADD CONSTRAINT "usage_hourly_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_usage" ADD CONSTRAINT "project_usage_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The one row that numbers cache invalidations in commit order (see schema.prisma).
INSERT INTO "invalidation_sequence" ("id", "last_id") VALUES (1, 0) ON CONFLICT ("id") DO NOTHING;

-- The built-in project that owns anonymous sandbox keys (POST /api/v1/sandbox/key).
-- It has no members, so no one sees it in the dashboard, and its slug cannot
-- be produced by slugify, so no user project can take it. Each sandbox key
-- has its own 50-unit cap: the project's custom quota is only a ceiling.
-- (No semicolons in these comments: the migration runner splits on them.)
INSERT INTO "projects" ("id", "name", "slug", "plan", "custom_monthly_units", "custom_rps", "created_at", "updated_at")
VALUES ('keydeck_sandbox', 'Sandbox (anonymous trial keys)', '_sandbox', 'custom', 2147483647, 5,
        now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
ON CONFLICT ("id") DO NOTHING;
