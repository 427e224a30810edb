-- AlterTable
ALTER TABLE "users" ADD COLUMN     "idp_groups" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "memberships" ADD COLUMN     "direct_role" "Role",
ADD COLUMN     "group_path" TEXT,
ADD COLUMN     "group_role" "Role",
ADD COLUMN     "last_active_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "invitations" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "invited_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "accepted_at" TIMESTAMP(3),
    "accepted_by_id" TEXT,
    "declined_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_links" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "group_path" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_project_id_created_at_idx" ON "invitations"("project_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "group_links_group_path_idx" ON "group_links"("group_path");

-- CreateIndex
CREATE UNIQUE INDEX "group_links_project_id_group_path_key" ON "group_links"("project_id", "group_path");

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_id_fkey" FOREIGN KEY ("accepted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_links" ADD CONSTRAINT "group_links_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_links" ADD CONSTRAINT "group_links_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every membership so far came from creating a project or from the seed:
-- a direct grant of the role it has.
UPDATE "memberships" SET "direct_role" = "role";

-- A membership exists because of at least one grant, and its role is one of them.
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_has_grant"
  CHECK ("direct_role" IS NOT NULL OR "group_role" IS NOT NULL);
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_is_a_grant"
  CHECK ("role" = "direct_role" OR "role" = "group_role");
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_group_role_has_path"
  CHECK (("group_role" IS NULL) = ("group_path" IS NULL));

-- Groups grant up to admin: ownership is always given by a person, so the
-- "at least one owner" rule cannot be broken by someone leaving a group.
ALTER TABLE "group_links" ADD CONSTRAINT "group_links_role_below_owner" CHECK ("role" <> 'owner');

-- One open invitation per address and project (two concurrent invites of the
-- same address cannot both succeed). Expired ones stay open until re-issued
-- or revoked, so they are covered too.
CREATE UNIQUE INDEX "invitations_one_open_per_email"
  ON "invitations" ("project_id", "email")
  WHERE "accepted_at" IS NULL AND "declined_at" IS NULL AND "revoked_at" IS NULL;

-- Invitations are stored lower-cased and matched case-insensitively.
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_email_lower" CHECK ("email" = lower("email"));
