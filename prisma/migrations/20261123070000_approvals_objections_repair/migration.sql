-- CreateEnum
CREATE TYPE "RemovalKind" AS ENUM ('EXPIRY', 'EARLY', 'REPAIRED', 'REVOKED');

-- CreateEnum
CREATE TYPE "DeadlineStatus" AS ENUM ('OPEN', 'MET', 'OVERDUE', 'ENDED');

-- CreateEnum
CREATE TYPE "ObjectionSource" AS ENUM ('PARTY', 'CASEWORKER_ON_BEHALF', 'COOPERATING_UNIT');

-- CreateEnum
CREATE TYPE "ObjectionState" AS ENUM ('AWAITING_ACCEPTANCE', 'NOT_ACCEPTED', 'IN_VERIFICATION', 'UPHELD', 'REJECTED', 'ENDED');

-- CreateEnum
CREATE TYPE "ObjectionRemedy" AS ENUM ('REVOKE', 'CORRECT');

-- CreateEnum
CREATE TYPE "RepairState" AS ENUM ('AWAITING_ACCEPTANCE', 'NOT_ACCEPTED', 'AWAITING_DECISION', 'GRANTED', 'REFUSED', 'ENDED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CaseState" ADD VALUE 'AWAITING_NOTICE_APPROVAL';
ALTER TYPE "CaseState" ADD VALUE 'DRAFT_RETURNED';
ALTER TYPE "CaseState" ADD VALUE 'AWAITING_DECISION_APPROVAL';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "PushKind" ADD VALUE 'SUSPENSION';
ALTER TYPE "PushKind" ADD VALUE 'RESUMPTION';
ALTER TYPE "PushKind" ADD VALUE 'CORRECTION';
ALTER TYPE "PushKind" ADD VALUE 'OBJECTION_RESULT';

-- DropIndex
DROP INDEX "Push_caseId_departmentId_kind_key";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "form" JSONB,
ADD COLUMN     "measuresSuspended" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "removalKind" "RemovalKind",
ADD COLUMN     "repairEligibleFrom" TIMESTAMP(3),
ADD COLUMN     "unrepairable" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Push" ADD COLUMN     "reference" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "CaseDeadline" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "workingDays" INTEGER NOT NULL,
    "dueDate" DATE NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "provisional" BOOLEAN NOT NULL,
    "status" "DeadlineStatus" NOT NULL DEFAULT 'OPEN',
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "CaseDeadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Objection" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "source" "ObjectionSource" NOT NULL,
    "filedById" TEXT NOT NULL,
    "filedByName" TEXT NOT NULL,
    "filedByDepartmentId" TEXT,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "grounds" TEXT NOT NULL,
    "state" "ObjectionState" NOT NULL DEFAULT 'AWAITING_ACCEPTANCE',
    "acceptedAt" TIMESTAMP(3),
    "refusalReasons" TEXT,
    "measuresSuspended" BOOLEAN NOT NULL DEFAULT false,
    "decidedAt" TIMESTAMP(3),
    "remedy" "ObjectionRemedy",
    "correction" TEXT,
    "outcomeReasons" TEXT,

    CONSTRAINT "Objection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RepairApplication" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "filedById" TEXT NOT NULL,
    "filedByName" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "correctionProof" TEXT NOT NULL,
    "commitment" TEXT NOT NULL,
    "otherMethods" TEXT[],
    "state" "RepairState" NOT NULL DEFAULT 'AWAITING_ACCEPTANCE',
    "acceptedAt" TIMESTAMP(3),
    "refusalReasons" TEXT,
    "extendedAt" TIMESTAMP(3),
    "extensionReason" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionReasons" TEXT,

    CONSTRAINT "RepairApplication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseDeadline_status_dueAt_idx" ON "CaseDeadline"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseDeadline_caseId_key_key" ON "CaseDeadline"("caseId", "key");

-- CreateIndex
CREATE INDEX "Objection_caseId_idx" ON "Objection"("caseId");

-- CreateIndex
CREATE INDEX "RepairApplication_caseId_idx" ON "RepairApplication"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Push_caseId_departmentId_kind_reference_key" ON "Push"("caseId", "departmentId", "kind", "reference");

-- AddForeignKey
ALTER TABLE "CaseDeadline" ADD CONSTRAINT "CaseDeadline_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepairApplication" ADD CONSTRAINT "RepairApplication_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


