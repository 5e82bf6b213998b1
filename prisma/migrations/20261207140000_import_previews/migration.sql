-- A tracker file sent to the bot in Teams, kept only while its preview can be imported or cancelled: the
-- bytes go when it is imported, cancelled or expired; the row without them answers a second press.
-- CreateTable
CREATE TABLE "ImportPreview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileName" TEXT NOT NULL,
    "fileBytes" BLOB,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    "asOfReason" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ImportPreview_expiresAt_idx" ON "ImportPreview"("expiresAt");

