-- The number of a case's document is given and kept before its PDF is rendered, outside the
-- transaction that stores it: a retry reuses the number rather than taking the next one.
CREATE TABLE "DocumentNumber" (
    "caseId" TEXT NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "reference" TEXT NOT NULL DEFAULT '',
    "number" TEXT NOT NULL,
    "givenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentNumber_pkey" PRIMARY KEY ("caseId","kind","reference")
);

CREATE UNIQUE INDEX "DocumentNumber_number_key" ON "DocumentNumber"("number");

ALTER TABLE "DocumentNumber" ADD CONSTRAINT "DocumentNumber_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The documents already made keep their numbers (the prior notice's is the case's own).
INSERT INTO "DocumentNumber" ("caseId", "kind", "reference", "number", "givenAt")
SELECT "caseId", "kind", "reference", "number", "createdAt" FROM "Document" WHERE "kind" <> 'PRIOR_NOTICE';
