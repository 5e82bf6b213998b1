-- A person's profile and account as the directory (Microsoft Graph) or Teams' roster knows them: the job
-- title shown beside their name, when it was refreshed, and whether the account is enabled, disabled (a
-- leaver), a guest or unknown, so reminders reach everyone who can be reached and leavers are handed on.

-- AlterTable
ALTER TABLE "Person" ADD COLUMN "jobTitle" TEXT;
ALTER TABLE "Person" ADD COLUMN "profileRefreshedAt" DATETIME;
ALTER TABLE "Person" ADD COLUMN "directoryState" TEXT;
ALTER TABLE "Person" ADD COLUMN "directoryCheckedAt" DATETIME;
