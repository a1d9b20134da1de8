-- One active listing of a subject on a list type and basis, kept by the database itself: the key
-- is set while a case is active and cleared when it is closed or removed.
ALTER TABLE "Case" ADD COLUMN     "activeListingKey" TEXT;

-- The oldest active case of each subject, list type and basis keeps its key (earlier duplicates,
-- let through before this constraint, stay readable and are left to the office to resolve).
UPDATE "Case" c SET "activeListingKey" = c."subjectCode" || '|' || c."listType" || '|' || c."basisNumber"
WHERE c."state" NOT IN ('CLOSED_NOT_LISTED', 'REMOVED')
  AND c."id" = (
    SELECT d."id" FROM "Case" d
    WHERE d."subjectCode" = c."subjectCode" AND d."listType" = c."listType" AND d."basisNumber" = c."basisNumber"
      AND d."state" NOT IN ('CLOSED_NOT_LISTED', 'REMOVED')
    ORDER BY d."createdAt" ASC, d."id" ASC LIMIT 1
  );

-- CreateIndex
CREATE UNIQUE INDEX "Case_activeListingKey_key" ON "Case"("activeListingKey");
