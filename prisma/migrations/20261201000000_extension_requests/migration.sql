-- Extension requests: a revised target asked for in the update card waits for a decision (or took effect at
-- once when approval is off); the item's target changes only when it is approved.

-- CreateTable
CREATE TABLE "ExtensionRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" INTEGER NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "fromTargetRaw" TEXT,
    "fromTarget" TEXT,
    "requestedTargetRaw" TEXT NOT NULL,
    "requestedTarget" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'waiting',
    "approver" TEXT,
    "extensionsBefore" INTEGER NOT NULL DEFAULT 0,
    "repeat" BOOLEAN NOT NULL DEFAULT false,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "comment" TEXT,
    CONSTRAINT "ExtensionRequest_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ExtensionRequest_itemId_idx" ON "ExtensionRequest"("itemId");

-- CreateIndex
CREATE INDEX "ExtensionRequest_state_idx" ON "ExtensionRequest"("state");
