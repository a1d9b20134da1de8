-- CreateEnum
CREATE TYPE "ListKind" AS ENUM ('BLACK', 'RED');

-- CreateEnum
CREATE TYPE "CreditField" AS ENUM ('ALL_FIELDS', 'TAXATION', 'LABOUR', 'WORK_SAFETY', 'MARKET_REGULATION', 'PUBLIC_PROCUREMENT');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "BasisKind" ADD VALUE 'COMMENDATION';
ALTER TYPE "BasisKind" ADD VALUE 'CREDIT_EVALUATION';

-- AlterEnum
ALTER TYPE "RemovalKind" ADD VALUE 'DISHONESTY';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DocumentKind" ADD VALUE 'RED_LISTING_DECISION';
ALTER TYPE "DocumentKind" ADD VALUE 'RED_REMOVAL_NOTICE';

-- AlterTable
ALTER TABLE "ListType" ADD COLUMN     "field" "CreditField" NOT NULL DEFAULT 'ALL_FIELDS',
ADD COLUMN     "kind" "ListKind" NOT NULL DEFAULT 'BLACK',
ADD COLUMN     "legalBasis" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "validityMonths" INTEGER;

-- AlterTable
ALTER TABLE "Case" ALTER COLUMN "tier" DROP NOT NULL;


