-- CreateEnum
CREATE TYPE "MeasureCategory" AS ENUM ('ADMINISTRATIVE', 'MARKET', 'INDUSTRY', 'SOCIAL');

-- CreateEnum
CREATE TYPE "PushStatus" AS ENUM ('PENDING', 'ACKNOWLEDGED');

-- AlterTable
ALTER TABLE "CaseEvent" ADD COLUMN     "seq" SERIAL NOT NULL;

-- CreateTable
CREATE TABLE "Measure" (
    "id" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "category" "MeasureCategory" NOT NULL,
    "mandatory" BOOLEAN NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "implementingDepartmentId" TEXT NOT NULL,
    "listTypes" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Measure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseMeasure" (
    "caseId" TEXT NOT NULL,
    "measureId" TEXT NOT NULL,
    "chosen" BOOLEAN NOT NULL,

    CONSTRAINT "CaseMeasure_pkey" PRIMARY KEY ("caseId","measureId")
);

-- CreateTable
CREATE TABLE "Push" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "measureIds" TEXT[],
    "status" "PushStatus" NOT NULL DEFAULT 'PENDING',
    "pushedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,

    CONSTRAINT "Push_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Push_departmentId_status_idx" ON "Push"("departmentId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Push_caseId_departmentId_key" ON "Push"("caseId", "departmentId");

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_implementingDepartmentId_fkey" FOREIGN KEY ("implementingDepartmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMeasure" ADD CONSTRAINT "CaseMeasure_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMeasure" ADD CONSTRAINT "CaseMeasure_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Push" ADD CONSTRAINT "Push_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Push" ADD CONSTRAINT "Push_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
