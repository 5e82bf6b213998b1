-- AlterTable
ALTER TABLE "ReportingPoint" ADD COLUMN "meetingDate" TEXT;
