-- CreateTable
CREATE TABLE "notification_cursors" (
    "user_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "seen_until" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_cursors_pkey" PRIMARY KEY ("user_id","project_id")
);

-- CreateIndex
CREATE INDEX "notification_cursors_project_id_idx" ON "notification_cursors"("project_id");

-- AddForeignKey
ALTER TABLE "notification_cursors" ADD CONSTRAINT "notification_cursors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_cursors" ADD CONSTRAINT "notification_cursors_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
