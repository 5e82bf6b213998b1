-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Directorate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "leadEmail" TEXT,
    "leadershipConversationId" TEXT,

    CONSTRAINT "Directorate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "aadObjectId" TEXT,
    "teamsUserId" TEXT,
    "unreachable" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Role" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "directorateId" TEXT NOT NULL DEFAULT '',
    "grantedBy" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" SERIAL NOT NULL,
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "tenantId" TEXT,
    "teamId" TEXT,
    "channelId" TEXT,
    "name" TEXT,
    "reference" TEXT NOT NULL,
    "personId" INTEGER,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Item" (
    "id" SERIAL NOT NULL,
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
    "pendingProgress" TEXT,
    "nextReminderAt" TIMESTAMP(3),
    "nextReminderKind" TEXT,
    "lastUpdateAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressUpdate" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "progress" TEXT NOT NULL,
    "narrative" TEXT,
    "evidenceUrl" TEXT,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submissionId" TEXT,

    CONSTRAINT "ProgressUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetRevision" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "fromRaw" TEXT,
    "fromDate" TEXT,
    "toRaw" TEXT,
    "toDate" TEXT,
    "reason" TEXT,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TargetRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "before" TEXT,
    "after" TEXT,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderClaim" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "targetDate" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "recipientId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "leaseToken" TEXT,
    "queuedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "messageId" INTEGER,

    CONSTRAINT "ReminderClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" SERIAL NOT NULL,
    "conversationId" TEXT NOT NULL,
    "personId" INTEGER,
    "purpose" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "leaseToken" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "dedupeKey" TEXT,

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UpdateRound" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "reportingPointId" INTEGER,
    "startedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "UpdateRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundRecipient" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "invitedAt" TIMESTAMP(3),
    "repliedAt" TIMESTAMP(3),
    "chasedAt" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "RoundRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportingPoint" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "meetingDate" TEXT,
    "cutOff" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "snapshotAt" TIMESTAMP(3),
    "snapshot" TEXT,

    CONSTRAINT "ReportingPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Person_email_key" ON "Person"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Person_aadObjectId_key" ON "Person"("aadObjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Role_personId_role_directorateId_key" ON "Role"("personId", "role", "directorateId");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_conversationId_key" ON "Conversation"("conversationId");

-- CreateIndex
CREATE INDEX "Conversation_personId_idx" ON "Conversation"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Review_titleKey_key" ON "Review"("titleKey");

-- CreateIndex
CREATE INDEX "Item_ownerId_idx" ON "Item"("ownerId");

-- CreateIndex
CREATE INDEX "Item_nextReminderAt_idx" ON "Item"("nextReminderAt");

-- CreateIndex
CREATE UNIQUE INDEX "Item_reviewId_ref_key" ON "Item"("reviewId", "ref");

-- CreateIndex
CREATE INDEX "ProgressUpdate_itemId_idx" ON "ProgressUpdate"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressUpdate_itemId_actor_submissionId_key" ON "ProgressUpdate"("itemId", "actor", "submissionId");

-- CreateIndex
CREATE INDEX "TargetRevision_itemId_idx" ON "TargetRevision"("itemId");

-- CreateIndex
CREATE INDEX "AuditEntry_entityType_entityId_idx" ON "AuditEntry"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "ReminderClaim_status_idx" ON "ReminderClaim"("status");

-- CreateIndex
CREATE INDEX "ReminderClaim_messageId_idx" ON "ReminderClaim"("messageId");

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

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_directorateId_fkey" FOREIGN KEY ("directorateId") REFERENCES "Directorate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressUpdate" ADD CONSTRAINT "ProgressUpdate_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetRevision" ADD CONSTRAINT "TargetRevision_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderClaim" ADD CONSTRAINT "ReminderClaim_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundRecipient" ADD CONSTRAINT "RoundRecipient_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "UpdateRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundRecipient" ADD CONSTRAINT "RoundRecipient_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

