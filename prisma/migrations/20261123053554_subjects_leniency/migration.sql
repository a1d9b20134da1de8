-- CreateEnum
CREATE TYPE "ResponsibleRole" AS ENUM ('LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'DIRECTLY_RESPONSIBLE');

-- CreateEnum
CREATE TYPE "LeniencyGround" AS ENUM ('MINOR_PERSON', 'FORCE_MAJEURE', 'NON_INTENTIONAL_MINOR');

-- DropIndex
DROP INDEX "Case_subjectCode_idx";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "leniencyGrounds" "LeniencyGround"[],
ADD COLUMN     "leniencyReasons" TEXT;

-- CreateTable
CREATE TABLE "Subject" (
    "code" TEXT NOT NULL,
    "type" "SubjectType" NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subject_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "CaseResponsiblePerson" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "role" "ResponsibleRole" NOT NULL,
    "personCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "CaseResponsiblePerson_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseResponsiblePerson_personCode_idx" ON "CaseResponsiblePerson"("personCode");

-- CreateIndex
CREATE UNIQUE INDEX "CaseResponsiblePerson_caseId_role_personCode_key" ON "CaseResponsiblePerson"("caseId", "role", "personCode");

-- CreateIndex
CREATE INDEX "Case_subjectCode_listType_idx" ON "Case"("subjectCode", "listType");

-- AddForeignKey
ALTER TABLE "CaseResponsiblePerson" ADD CONSTRAINT "CaseResponsiblePerson_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseResponsiblePerson" ADD CONSTRAINT "CaseResponsiblePerson_personCode_fkey" FOREIGN KEY ("personCode") REFERENCES "Subject"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Existing cases register their subjects before the registry becomes mandatory.
INSERT INTO "Subject" ("code", "type", "name", "updatedAt")
SELECT DISTINCT ON ("subjectCode") "subjectCode", "subjectType", "subjectName", CURRENT_TIMESTAMP FROM "Case"
ORDER BY "subjectCode", "createdAt" DESC
ON CONFLICT ("code") DO NOTHING;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_subjectCode_fkey" FOREIGN KEY ("subjectCode") REFERENCES "Subject"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
