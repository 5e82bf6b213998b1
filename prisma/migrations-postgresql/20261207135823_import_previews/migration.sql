-- CreateTable
CREATE TABLE "ImportPreview" (
    "id" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileBytes" BYTEA,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    "asOfReason" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ImportPreview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportPreview_expiresAt_idx" ON "ImportPreview"("expiresAt");

