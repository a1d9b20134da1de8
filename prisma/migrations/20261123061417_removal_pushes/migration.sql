-- CreateEnum
CREATE TYPE "PushKind" AS ENUM ('LISTING', 'REMOVAL');

-- DropIndex
DROP INDEX "Push_caseId_departmentId_key";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "removalReason" TEXT;

-- AlterTable
ALTER TABLE "Push" ADD COLUMN     "kind" "PushKind" NOT NULL DEFAULT 'LISTING';

-- CreateIndex
CREATE UNIQUE INDEX "Push_caseId_departmentId_kind_key" ON "Push"("caseId", "departmentId", "kind");


