-- Policies cite the source of each value, and say from which day publication is counted.
ALTER TABLE "Policy" ADD COLUMN "publicationStartsFrom" TEXT NOT NULL DEFAULT 'DECISION',
ADD COLUMN "valueSources" JSONB NOT NULL DEFAULT '{}';
