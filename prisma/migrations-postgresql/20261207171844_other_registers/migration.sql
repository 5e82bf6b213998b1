-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "caseRef" TEXT,
ADD COLUMN     "decisionDate" TEXT,
ADD COLUMN     "executiveResponse" TEXT,
ADD COLUMN     "publicReport" BOOLEAN,
ADD COLUMN     "remedyKind" TEXT,
ADD COLUMN     "responseDate" TEXT,
ADD COLUMN     "responseDue" TEXT,
ADD COLUMN     "sentToExecutive" TEXT;

-- CreateTable
CREATE TABLE "InspectionRegime" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InspectionRegime_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouncilPlanMeasure" (
    "id" SERIAL NOT NULL,
    "measureRef" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "leadOfficerId" INTEGER,
    "directorateId" TEXT NOT NULL,
    "polarity" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "exceptionItemId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CouncilPlanMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureReading" (
    "id" SERIAL NOT NULL,
    "measureId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "valueRaw" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "targetRaw" TEXT NOT NULL,
    "target" DOUBLE PRECISION,
    "statusOverride" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeasureReading_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InspectionRegime_regimeKey_key" ON "InspectionRegime"("regimeKey");

-- CreateIndex
CREATE UNIQUE INDEX "CouncilPlanMeasure_measureRef_key" ON "CouncilPlanMeasure"("measureRef");

-- CreateIndex
CREATE INDEX "MeasureReading_measureId_idx" ON "MeasureReading"("measureId");

-- CreateIndex
CREATE UNIQUE INDEX "MeasureReading_measureId_periodKey_key" ON "MeasureReading"("measureId", "periodKey");

-- AddForeignKey
ALTER TABLE "InspectionRegime" ADD CONSTRAINT "InspectionRegime_readinessOwnerId_fkey" FOREIGN KEY ("readinessOwnerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouncilPlanMeasure" ADD CONSTRAINT "CouncilPlanMeasure_leadOfficerId_fkey" FOREIGN KEY ("leadOfficerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureReading" ADD CONSTRAINT "MeasureReading_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "CouncilPlanMeasure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

