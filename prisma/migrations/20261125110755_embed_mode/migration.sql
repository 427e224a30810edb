-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "embed_origins" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "publishable_key" TEXT;

-- CreateTable
CREATE TABLE "embed_signing_secrets" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3),

    CONSTRAINT "embed_signing_secrets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "embed_redemptions" (
    "jti" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "redeemed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "embed_redemptions_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "embed_signing_secrets_project_id_created_at_idx" ON "embed_signing_secrets"("project_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "embed_redemptions_expires_at_idx" ON "embed_redemptions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "projects_publishable_key_key" ON "projects"("publishable_key");

-- AddForeignKey
ALTER TABLE "embed_signing_secrets" ADD CONSTRAINT "embed_signing_secrets_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "embed_redemptions" ADD CONSTRAINT "embed_redemptions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
