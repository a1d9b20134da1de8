/*
  Warnings:

  - You are about to drop the column `isDefault` on the `Policy` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Department" ADD COLUMN     "policyCode" TEXT NOT NULL DEFAULT 'NATIONAL-2025';

-- AlterTable
ALTER TABLE "Policy" DROP COLUMN "isDefault",
ADD COLUMN     "createdBy" TEXT NOT NULL DEFAULT 'preset';
