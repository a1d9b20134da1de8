-- Service of documents (送达): how and when each document was served, the states in which a case
-- waits for service, the decision's own date, the days after which an announcement counts as service.
CREATE TYPE "ServiceMethod" AS ENUM ('ELECTRONIC', 'IN_PERSON', 'POST', 'ANNOUNCEMENT');

ALTER TYPE "CaseState" ADD VALUE 'AWAITING_NOTICE_SERVICE' BEFORE 'NOTICE_PERIOD';
ALTER TYPE "CaseState" ADD VALUE 'AWAITING_DECISION_SERVICE' BEFORE 'LISTED';

ALTER TABLE "Policy" ADD COLUMN "announcementServiceDays" INTEGER NOT NULL DEFAULT 30;

ALTER TABLE "Case" ADD COLUMN "decidedAt" TIMESTAMP(3);

ALTER TABLE "Document" ADD COLUMN "servedOn" DATE,
ADD COLUMN "serviceMethod" "ServiceMethod";
