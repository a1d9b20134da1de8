-- CreateEnum
CREATE TYPE "InterviewKind" AS ENUM ('REMINDER', 'WARNING');

-- AlterTable
ALTER TABLE "Policy" ADD COLUMN     "rectificationMonths" INTEGER NOT NULL DEFAULT 3;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "rectificationDueAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Interview" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "subjectCode" TEXT NOT NULL,
    "kind" "InterviewKind" NOT NULL,
    "scheduledFor" DATE NOT NULL,
    "place" TEXT NOT NULL,
    "notice" TEXT NOT NULL,
    "scheduledById" TEXT NOT NULL,
    "scheduledBy" TEXT NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "heldOn" DATE,
    "attendees" TEXT,
    "minutes" TEXT,
    "recordedBy" TEXT,
    "recordedAt" TIMESTAMP(3),

    CONSTRAINT "Interview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Interview_subjectCode_idx" ON "Interview"("subjectCode");

-- CreateIndex
CREATE INDEX "Interview_caseId_idx" ON "Interview"("caseId");

-- AddForeignKey
ALTER TABLE "Interview" ADD CONSTRAINT "Interview_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


