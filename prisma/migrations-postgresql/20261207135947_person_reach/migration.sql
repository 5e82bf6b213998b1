-- CreateTable
CREATE TABLE "PersonReach" (
    "personId" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "graphUserId" TEXT,
    "installationId" TEXT,
    "chatId" TEXT,
    "refusedReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonReach_pkey" PRIMARY KEY ("personId")
);

-- AddForeignKey
ALTER TABLE "PersonReach" ADD CONSTRAINT "PersonReach_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

