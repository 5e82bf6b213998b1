-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "directoryCheckedAt" TIMESTAMP(3),
ADD COLUMN     "directoryState" TEXT,
ADD COLUMN     "jobTitle" TEXT,
ADD COLUMN     "profileRefreshedAt" TIMESTAMP(3);

