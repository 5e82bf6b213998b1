-- Which Teams message shows which item (one row per item), so a change to an item edits every message
-- showing it from the last 30 days: its reminder cards, item cards and answer cards.

-- CreateTable
CREATE TABLE "LiveCard" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "conversationId" TEXT NOT NULL,
    "activityId" TEXT,
    "messageId" INTEGER,
    "kind" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,
    "redraw" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "LiveCard_itemId_createdAt_idx" ON "LiveCard"("itemId", "createdAt");

-- CreateIndex
CREATE INDEX "LiveCard_messageId_idx" ON "LiveCard"("messageId");

-- CreateIndex
CREATE INDEX "LiveCard_createdAt_idx" ON "LiveCard"("createdAt");

