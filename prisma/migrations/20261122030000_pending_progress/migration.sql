-- AlterTable
ALTER TABLE "Item" ADD COLUMN "pendingProgress" TEXT;

