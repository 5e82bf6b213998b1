-- Beyond inspections: scrutiny recommendations and Ombudsman findings as items (their response clock and
-- case facts), the inspection calendar, and Council Plan measures with their readings.

-- AlterTable
ALTER TABLE "Item" ADD COLUMN "sentToExecutive" TEXT;
ALTER TABLE "Item" ADD COLUMN "executiveResponse" TEXT;
ALTER TABLE "Item" ADD COLUMN "responseDate" TEXT;
ALTER TABLE "Item" ADD COLUMN "responseDue" TEXT;
ALTER TABLE "Item" ADD COLUMN "caseRef" TEXT;
ALTER TABLE "Item" ADD COLUMN "decisionDate" TEXT;
ALTER TABLE "Item" ADD COLUMN "remedyKind" TEXT;
ALTER TABLE "Item" ADD COLUMN "publicReport" BOOLEAN;

-- CreateTable
CREATE TABLE "InspectionRegime" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "regimeKey" TEXT NOT NULL,
    "regime" TEXT NOT NULL,
    "inspectorate" TEXT NOT NULL,
    "directorateId" TEXT NOT NULL,
    "lastEvent" TEXT,
    "cycleMonths" INTEGER NOT NULL,
    "nextExpected" TEXT NOT NULL,
    "nextExpectedGiven" BOOLEAN NOT NULL DEFAULT false,
    "readinessOwnerId" INTEGER,
    "lastReviewId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "InspectionRegime_readinessOwnerId_fkey" FOREIGN KEY ("readinessOwnerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CouncilPlanMeasure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "measureRef" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "leadOfficerId" INTEGER,
    "directorateId" TEXT NOT NULL,
    "polarity" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "exceptionItemId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CouncilPlanMeasure_leadOfficerId_fkey" FOREIGN KEY ("leadOfficerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeasureReading" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "measureId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "valueRaw" TEXT NOT NULL,
    "value" REAL,
    "targetRaw" TEXT NOT NULL,
    "target" REAL,
    "statusOverride" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeasureReading_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "CouncilPlanMeasure" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "InspectionRegime_regimeKey_key" ON "InspectionRegime"("regimeKey");

-- CreateIndex
CREATE UNIQUE INDEX "CouncilPlanMeasure_measureRef_key" ON "CouncilPlanMeasure"("measureRef");

-- CreateIndex
CREATE INDEX "MeasureReading_measureId_idx" ON "MeasureReading"("measureId");

-- CreateIndex
CREATE UNIQUE INDEX "MeasureReading_measureId_periodKey_key" ON "MeasureReading"("measureId", "periodKey");
