-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CASEWORKER', 'SUPERVISOR', 'COOPERATING_UNIT', 'PARTY', 'ADMINISTRATOR');

-- CreateEnum
CREATE TYPE "SubjectType" AS ENUM ('ORGANISATION', 'PERSON');

-- CreateEnum
CREATE TYPE "Tier" AS ENUM ('MINOR', 'GENERAL', 'SERIOUS');

-- CreateEnum
CREATE TYPE "BasisKind" AS ENUM ('COURT_JUDGMENT', 'ARBITRAL_AWARD', 'ADMINISTRATIVE_PENALTY', 'ADMINISTRATIVE_RULING', 'OTHER_LEGAL_DOCUMENT');

-- CreateEnum
CREATE TYPE "CaseState" AS ENUM ('NOTICE_PERIOD', 'IN_REVIEW', 'LISTED', 'CLOSED_NOT_LISTED', 'REMOVED');

-- CreateEnum
CREATE TYPE "StatementKind" AS ENUM ('STATEMENT', 'OBJECTION');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('HOLIDAY', 'MAKEUP_WORKDAY');

-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "docPrefix" TEXT NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "departmentId" TEXT,
    "subjectCode" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ListType" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "ListType_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "listType" TEXT,
    "source" TEXT NOT NULL,
    "noticeWorkingDays" INTEGER NOT NULL,
    "objectionAcceptanceWorkingDays" INTEGER NOT NULL,
    "objectionVerificationWorkingDays" INTEGER NOT NULL,
    "suspendMeasuresDuringVerification" BOOLEAN NOT NULL,
    "repairAcceptanceWorkingDays" INTEGER NOT NULL,
    "repairDecisionWorkingDays" INTEGER NOT NULL,
    "publicationMonths" JSONB NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATE NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "subjectName" TEXT NOT NULL,
    "subjectType" "SubjectType" NOT NULL,
    "subjectCode" TEXT NOT NULL,
    "listType" TEXT NOT NULL,
    "tier" "Tier" NOT NULL,
    "basisKind" "BasisKind" NOT NULL,
    "basisNumber" TEXT NOT NULL,
    "basisIssuer" TEXT NOT NULL,
    "basisDate" DATE NOT NULL,
    "reasons" TEXT NOT NULL,
    "state" "CaseState" NOT NULL,
    "policyId" TEXT NOT NULL,
    "noticeNumber" TEXT,
    "noticeServedAt" TIMESTAMP(3),
    "deadlineKind" TEXT,
    "deadlineDate" DATE,
    "deadlineAt" TIMESTAMP(3),
    "deadlineProvisional" BOOLEAN NOT NULL DEFAULT false,
    "listedAt" TIMESTAMP(3),
    "publicationEndsOn" DATE,
    "removedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Statement" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "StatementKind" NOT NULL,
    "content" TEXT NOT NULL,
    "filedById" TEXT NOT NULL,
    "filedByRole" "Role" NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "stepKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "reason" TEXT,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NumberSequence" (
    "departmentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "NumberSequence_pkey" PRIMARY KEY ("departmentId","kind","year")
);

-- CreateIndex
CREATE UNIQUE INDEX "Department_code_key" ON "Department"("code");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_code_version_key" ON "Policy"("code", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Case_caseNumber_key" ON "Case"("caseNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Case_workflowId_key" ON "Case"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_noticeNumber_key" ON "Case"("noticeNumber");

-- CreateIndex
CREATE INDEX "Case_departmentId_state_idx" ON "Case"("departmentId", "state");

-- CreateIndex
CREATE INDEX "Case_subjectCode_idx" ON "Case"("subjectCode");

-- CreateIndex
CREATE INDEX "CaseEvent_caseId_at_idx" ON "CaseEvent"("caseId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "CaseEvent_caseId_stepKey_key" ON "CaseEvent"("caseId", "stepKey");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
