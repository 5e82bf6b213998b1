-- CreateTable
CREATE TABLE "ExtensionRequest" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
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
    "decidedAt" TIMESTAMP(3),
    "comment" TEXT,

    CONSTRAINT "ExtensionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExtensionRequest_itemId_idx" ON "ExtensionRequest"("itemId");

-- CreateIndex
CREATE INDEX "ExtensionRequest_state_idx" ON "ExtensionRequest"("state");

-- AddForeignKey
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

