-- An item's priority (the council's labels) and the owner's confidence in meeting the target: on each
-- progress update as given, and the latest on the item so the at-risk flag is worked out from the register.

-- AlterTable
ALTER TABLE "Item" ADD COLUMN "priority" TEXT;
ALTER TABLE "Item" ADD COLUMN "confidence" TEXT;
ALTER TABLE "Item" ADD COLUMN "confidenceAt" DATETIME;
ALTER TABLE "Item" ADD COLUMN "confidenceTarget" TEXT;

-- AlterTable
ALTER TABLE "ProgressUpdate" ADD COLUMN "confidence" TEXT;
ALTER TABLE "ProgressUpdate" ADD COLUMN "confidenceTarget" TEXT;
