-- Keycloak access and refresh tokens were stored in plain text and never used
-- (finding 7): the columns go, and with them every token already stored. The
-- id token stays: it is the hint of identity-provider logout.
-- AlterTable
ALTER TABLE "accounts" DROP COLUMN "access_token",
DROP COLUMN "refresh_token";

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "embed_secret_generation" INTEGER NOT NULL DEFAULT 0;

-- Embed cookies carry this generation (finding 3): revoking every signing
-- secret, or rotating "now", bumps it and ends every open widget.
