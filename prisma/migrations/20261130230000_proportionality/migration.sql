-- CreateEnum
CREATE TYPE "MeasureTarget" AS ENUM ('ORGANISATION', 'PERSON', 'RESPONSIBLE_PERSON');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "publicationReasons" TEXT,
ADD COLUMN     "published" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Measure" ADD COLUMN     "discloses" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "targets" "MeasureTarget"[] DEFAULT ARRAY['ORGANISATION', 'PERSON']::"MeasureTarget"[],
ADD COLUMN     "tiers" "Tier"[] DEFAULT ARRAY['MINOR', 'GENERAL', 'SERIOUS']::"Tier"[];

-- AlterTable
ALTER TABLE "CaseMeasure" DROP CONSTRAINT "CaseMeasure_pkey",
ADD COLUMN     "reasons" TEXT,
ADD COLUMN     "subjectCode" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "CaseMeasure_pkey" PRIMARY KEY ("caseId", "measureId", "subjectCode");



-- A measure already attached applies to the listed subject itself
UPDATE "CaseMeasure" cm SET "subjectCode" = c."subjectCode" FROM "Case" c WHERE cm."caseId" = c."id" AND cm."subjectCode" = '';

-- The seeded catalogue's targets and tiers (prisma/seed.ts MEASURES)
UPDATE "Measure" SET "discloses" = true WHERE "id" = 'M-SOC-01';
UPDATE "Measure" SET "tiers" = ARRAY['SERIOUS']::"Tier"[] WHERE "id" IN ('M-MKT-01', 'M-IND-01', 'M-IND-02', 'M-ADM-04');
UPDATE "Measure" SET "tiers" = ARRAY['GENERAL', 'SERIOUS']::"Tier"[] WHERE "id" IN ('M-ADM-01', 'M-ADM-02');
UPDATE "Measure" SET "targets" = ARRAY['RESPONSIBLE_PERSON', 'PERSON']::"MeasureTarget"[] WHERE "id" = 'M-IND-01';
UPDATE "Measure" SET "targets" = ARRAY['ORGANISATION']::"MeasureTarget"[] WHERE "id" IN ('M-IND-02', 'M-ADM-04');
