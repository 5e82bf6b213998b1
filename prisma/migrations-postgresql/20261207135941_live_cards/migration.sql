-- CreateTable
CREATE TABLE "LiveCard" (
    "id" SERIAL NOT NULL,
    "conversationId" TEXT NOT NULL,
    "activityId" TEXT,
    "messageId" INTEGER,
    "kind" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,
    "redraw" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LiveCard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LiveCard_itemId_createdAt_idx" ON "LiveCard"("itemId", "createdAt");

-- CreateIndex
CREATE INDEX "LiveCard_messageId_idx" ON "LiveCard"("messageId");

-- CreateIndex
CREATE INDEX "LiveCard_createdAt_idx" ON "LiveCard"("createdAt");

