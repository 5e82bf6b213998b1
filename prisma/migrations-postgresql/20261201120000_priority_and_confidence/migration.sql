-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "confidence" TEXT,
ADD COLUMN     "confidenceAt" TIMESTAMP(3),
ADD COLUMN     "confidenceTarget" TEXT,
ADD COLUMN     "priority" TEXT;

-- AlterTable
ALTER TABLE "ProgressUpdate" ADD COLUMN     "confidence" TEXT,
ADD COLUMN     "confidenceTarget" TEXT;

