-- How far the bot got reaching a person with no chat through Microsoft Graph (found, installed, reached or
-- refused), step by step, so a restart never installs twice nor sends twice and a reached person is never
-- looked up again.

-- CreateTable
CREATE TABLE "PersonReach" (
    "personId" INTEGER NOT NULL PRIMARY KEY,
    "step" TEXT NOT NULL,
    "graphUserId" TEXT,
    "installationId" TEXT,
    "chatId" TEXT,
    "refusedReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PersonReach_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
