-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DocumentKind" ADD VALUE 'OBJECTION_RESULT';
ALTER TYPE "DocumentKind" ADD VALUE 'REPAIR_RESULT';

-- DropIndex
DROP INDEX "Document_caseId_kind_key";

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "reference" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE UNIQUE INDEX "Document_caseId_kind_reference_key" ON "Document"("caseId", "kind", "reference");


