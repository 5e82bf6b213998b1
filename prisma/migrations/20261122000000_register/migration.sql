-- CreateTable
CREATE TABLE "Directorate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "leadEmail" TEXT
);

-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "aadObjectId" TEXT,
    "teamsUserId" TEXT,
    "unreachable" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Review" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "titleKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "reviewType" TEXT,
    "purpose" TEXT,
    "reviewDateRaw" TEXT,
    "reviewDate" TEXT,
    "findingsReceivedRaw" TEXT,
    "findingsReceived" TEXT,
    "publishedRaw" TEXT,
    "published" TEXT,
    "outcome" TEXT,
    "outcomeKnown" BOOLEAN NOT NULL DEFAULT true,
    "rating" TEXT,
    "oversightBody" TEXT,
    "narrative" TEXT,
    "source" TEXT NOT NULL DEFAULT 'inspection',
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "directorateId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Review_directorateId_fkey" FOREIGN KEY ("directorateId") REFERENCES "Directorate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Item" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reviewId" INTEGER NOT NULL,
    "ref" TEXT NOT NULL,
    "parentId" INTEGER,
    "kind" TEXT NOT NULL DEFAULT 'recommendation',
    "text" TEXT NOT NULL,
    "counted" BOOLEAN NOT NULL DEFAULT true,
    "responsibleUnit" TEXT,
    "ownerId" INTEGER,
    "originalTargetRaw" TEXT,
    "originalTarget" TEXT,
    "originalTargetKind" TEXT NOT NULL DEFAULT 'none',
    "revisedTargetRaw" TEXT,
    "revisedTarget" TEXT,
    "revisedTargetKind" TEXT NOT NULL DEFAULT 'none',
    "revisionReason" TEXT,
    "progress" TEXT NOT NULL DEFAULT 'not_started',
    "recordedStatus" TEXT,
    "latestUpdate" TEXT,
    "completedOn" TEXT,
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Item_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Item_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Item" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Item_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgressUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" INTEGER NOT NULL,
    "progress" TEXT NOT NULL,
    "narrative" TEXT,
    "evidenceUrl" TEXT,
    "actor" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgressUpdate_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TargetRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" INTEGER NOT NULL,
    "fromRaw" TEXT,
    "fromDate" TEXT,
    "toRaw" TEXT,
    "toDate" TEXT,
    "reason" TEXT,
    "actor" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TargetRevision_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "before" TEXT,
    "after" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "Person_email_key" ON "Person"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Person_aadObjectId_key" ON "Person"("aadObjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Review_titleKey_key" ON "Review"("titleKey");

-- CreateIndex
CREATE INDEX "Item_ownerId_idx" ON "Item"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "Item_reviewId_ref_key" ON "Item"("reviewId", "ref");

-- CreateIndex
CREATE INDEX "ProgressUpdate_itemId_idx" ON "ProgressUpdate"("itemId");

-- CreateIndex
CREATE INDEX "TargetRevision_itemId_idx" ON "TargetRevision"("itemId");

-- CreateIndex
CREATE INDEX "AuditEntry_entityType_entityId_idx" ON "AuditEntry"("entityType", "entityId");

