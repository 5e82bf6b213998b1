-- AlterTable
ALTER TABLE "Directorate" ADD COLUMN "leadershipConversationId" TEXT;

-- AlterTable
ALTER TABLE "ProgressUpdate" ADD COLUMN "submissionId" TEXT;

-- CreateTable
CREATE TABLE "Role" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "directorateId" TEXT NOT NULL DEFAULT '',
    "grantedBy" TEXT NOT NULL,
    "grantedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Role_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReminderClaim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "targetDate" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "recipientId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "claimedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "sentAt" DATETIME,
    "messageId" INTEGER,
    CONSTRAINT "ReminderClaim_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "conversationId" TEXT NOT NULL,
    "personId" INTEGER,
    "purpose" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "dedupeKey" TEXT
);

-- CreateTable
CREATE TABLE "UpdateRound" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "reportingPointId" INTEGER,
    "startedBy" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "RoundRecipient" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "invitedAt" DATETIME,
    "repliedAt" DATETIME,
    "chasedAt" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "RoundRecipient_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "UpdateRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RoundRecipient_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportingPoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "cutOff" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "snapshotAt" DATETIME,
    "snapshot" TEXT
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Item" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reviewId" INTEGER NOT NULL,
    "ref" TEXT NOT NULL,
    "parentId" INTEGER,
    "kind" TEXT NOT NULL DEFAULT 'recommendation',
    "text" TEXT NOT NULL,
    "counted" BOOLEAN NOT NULL DEFAULT true,
    "responsibleUnit" TEXT,
    "ownerId" INTEGER,
    "delegateId" INTEGER,
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
    "verification" TEXT NOT NULL DEFAULT 'none',
    "evidenceUrl" TEXT,
    "completionClaimedOn" TEXT,
    "completionNote" TEXT,
    "nextReminderAt" DATETIME,
    "nextReminderKind" TEXT,
    "lastUpdateAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Item_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Item_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Item" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Item_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Item_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Item" ("completedOn", "confidential", "counted", "createdAt", "id", "kind", "latestUpdate", "originalTarget", "originalTargetKind", "originalTargetRaw", "ownerId", "parentId", "progress", "recordedStatus", "ref", "responsibleUnit", "reviewId", "revisedTarget", "revisedTargetKind", "revisedTargetRaw", "revisionReason", "text", "updatedAt", "version") SELECT "completedOn", "confidential", "counted", "createdAt", "id", "kind", "latestUpdate", "originalTarget", "originalTargetKind", "originalTargetRaw", "ownerId", "parentId", "progress", "recordedStatus", "ref", "responsibleUnit", "reviewId", "revisedTarget", "revisedTargetKind", "revisedTargetRaw", "revisionReason", "text", "updatedAt", "version" FROM "Item";
DROP TABLE "Item";
ALTER TABLE "new_Item" RENAME TO "Item";
CREATE INDEX "Item_ownerId_idx" ON "Item"("ownerId");
CREATE INDEX "Item_nextReminderAt_idx" ON "Item"("nextReminderAt");
CREATE UNIQUE INDEX "Item_reviewId_ref_key" ON "Item"("reviewId", "ref");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Role_personId_role_directorateId_key" ON "Role"("personId", "role", "directorateId");

-- CreateIndex
CREATE INDEX "ReminderClaim_status_idx" ON "ReminderClaim"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderClaim_itemId_kind_targetDate_key" ON "ReminderClaim"("itemId", "kind", "targetDate");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_dedupeKey_key" ON "OutboundMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboundMessage_status_notBefore_idx" ON "OutboundMessage"("status", "notBefore");

-- CreateIndex
CREATE UNIQUE INDEX "RoundRecipient_roundId_personId_key" ON "RoundRecipient"("roundId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingPoint_name_key" ON "ReportingPoint"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressUpdate_submissionId_key" ON "ProgressUpdate"("submissionId");

