-- The party's full hearing: a written waiver ends the notice period, the statements are reviewed
-- within the policy's period, and the review ends in a written reply served on the party.
ALTER TYPE "StatementKind" ADD VALUE 'WAIVER';
ALTER TYPE "DocumentKind" ADD VALUE 'REVIEW_REPLY';
ALTER TABLE "Policy" ADD COLUMN "statementReviewWorkingDays" INTEGER NOT NULL DEFAULT 10;
