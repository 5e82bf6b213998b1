-- A claim's status now says what happened to its card: 'queued' (in the outbox), 'delivered' (Teams
-- accepted it), 'unreachable' or 'failed'; it used to say 'sent' as soon as the card was queued.
-- Leases carry a token so only their holder renews them (short leases with a heartbeat).

-- AlterTable
ALTER TABLE "ReminderClaim" ADD COLUMN "leaseToken" TEXT;
ALTER TABLE "ReminderClaim" ADD COLUMN "queuedAt" DATETIME;
ALTER TABLE "OutboundMessage" ADD COLUMN "leaseToken" TEXT;

-- CreateIndex: the dispatcher settles the claims a message carries as soon as Teams accepts it.
CREATE INDEX "ReminderClaim_messageId_idx" ON "ReminderClaim"("messageId");

-- Existing claims: 'sent' becomes what its message's outcome says.
UPDATE "ReminderClaim" SET "queuedAt" = "sentAt" WHERE "status" = 'sent';
UPDATE "ReminderClaim" SET
  "status" = COALESCE((SELECT CASE m."status" WHEN 'sent' THEN 'delivered' WHEN 'unreachable' THEN 'unreachable' WHEN 'failed' THEN 'failed' ELSE 'queued' END
    FROM "OutboundMessage" m WHERE m."id" = "ReminderClaim"."messageId"), 'queued'),
  "sentAt" = (SELECT m."sentAt" FROM "OutboundMessage" m WHERE m."id" = "ReminderClaim"."messageId" AND m."status" = 'sent')
WHERE "status" = 'sent';
