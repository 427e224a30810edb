-- CreateTable
CREATE TABLE "usage_daily" (
    "key_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "project_id" TEXT NOT NULL,
    "environment" "KeyEnvironment" NOT NULL,
    "units" BIGINT NOT NULL DEFAULT 0,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "refused_unauthorized" BIGINT NOT NULL DEFAULT 0,
    "refused_quota" BIGINT NOT NULL DEFAULT 0,
    "refused_rate" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "usage_daily_pkey" PRIMARY KEY ("key_id","day")
);

-- CreateIndex
CREATE INDEX "usage_daily_project_id_day_idx" ON "usage_daily"("project_id", "day");

-- AddForeignKey
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill from the hourly rollups written before this table existed.
INSERT INTO "usage_daily" ("key_id", "day", "project_id", "environment", "units", "requests", "refused_unauthorized", "refused_quota", "refused_rate")
SELECT "key_id", ("hour" AT TIME ZONE 'UTC')::date, min("project_id"), min("environment"::text)::"KeyEnvironment",
       sum("units"), sum("requests"), sum("refused_unauthorized"), sum("refused_quota"), sum("refused_rate")
  FROM "usage_hourly" GROUP BY 1, 2;
