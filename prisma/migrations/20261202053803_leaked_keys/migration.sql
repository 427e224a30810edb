-- CreateEnum
CREATE TYPE "LeakPolicy" AS ENUM ('notify', 'revoke', 'replace');

-- CreateEnum
CREATE TYPE "LeakReporter" AS ENUM ('github', 'scanner', 'member');

-- CreateEnum
CREATE TYPE "LeakAction" AS ENUM ('notified', 'revoked', 'replaced', 'already_revoked');

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "leak_policy" "LeakPolicy" NOT NULL DEFAULT 'revoke';

-- CreateTable
CREATE TABLE "key_leaks" (
    "id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "found_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "url" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "reporter" "LeakReporter" NOT NULL,
    "reported_by_id" TEXT,
    "action" "LeakAction" NOT NULL,
    "replacement_key_id" TEXT,

    CONSTRAINT "key_leaks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leak_replacements" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "leak_id" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "leak_replacements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "secret_scanning_deliveries" (
    "digest" CHAR(64) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "secret_scanning_deliveries_pkey" PRIMARY KEY ("digest")
);

-- CreateIndex
CREATE INDEX "key_leaks_project_id_found_at_idx" ON "key_leaks"("project_id", "found_at");

-- CreateIndex
CREATE UNIQUE INDEX "key_leaks_key_id_url_key" ON "key_leaks"("key_id", "url");

-- CreateIndex
CREATE UNIQUE INDEX "leak_replacements_key_id_key" ON "leak_replacements"("key_id");

-- CreateIndex
CREATE UNIQUE INDEX "leak_replacements_leak_id_key" ON "leak_replacements"("leak_id");

-- CreateIndex
CREATE INDEX "leak_replacements_project_id_idx" ON "leak_replacements"("project_id");

-- CreateIndex
CREATE INDEX "secret_scanning_deliveries_received_at_idx" ON "secret_scanning_deliveries"("received_at");

-- AddForeignKey
ALTER TABLE "key_leaks" ADD CONSTRAINT "key_leaks_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_leaks" ADD CONSTRAINT "key_leaks_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leak_replacements" ADD CONSTRAINT "leak_replacements_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
