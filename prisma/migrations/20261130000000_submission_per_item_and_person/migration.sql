-- A card submission id counts once per item and person, not across the whole register
DROP INDEX "ProgressUpdate_submissionId_key";

-- CreateIndex
CREATE UNIQUE INDEX "ProgressUpdate_itemId_actor_submissionId_key" ON "ProgressUpdate"("itemId", "actor", "submissionId");
