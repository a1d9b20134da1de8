-- CreateEnum
CREATE TYPE "ObjectionConcern" AS ENUM ('LISTING', 'CONTENT', 'PERIOD', 'REPAIR_RESULT');

-- AlterEnum

ALTER TYPE "DocumentKind" ADD VALUE 'CORRECTION_NOTICE';
ALTER TYPE "DocumentKind" ADD VALUE 'REMOVAL_NOTICE';

-- AlterEnum

ALTER TYPE "ObjectionRemedy" ADD VALUE 'SHORTEN_PERIOD';
ALTER TYPE "ObjectionRemedy" ADD VALUE 'GRANT_REPAIR';

-- AlterTable
ALTER TABLE "Policy" ADD COLUMN     "correctionNoticeDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "objectionAcceptanceStep" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "publicNotice" TEXT,
ADD COLUMN     "publicNoticeUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Objection" ADD COLUMN     "concerns" "ObjectionConcern" NOT NULL DEFAULT 'LISTING',
ADD COLUMN     "shortenedTo" DATE;


-- Presets whose sources have no acceptance step verify from receipt (002 §24, 004 四（三）, 000 五.2)
UPDATE "Policy" SET "objectionAcceptanceStep" = false WHERE "code" IN ('FUJIAN-2017', 'JINAN-2017', 'FEICHENG-2019') AND "createdBy" = 'preset';
