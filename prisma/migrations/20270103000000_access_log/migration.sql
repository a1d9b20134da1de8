-- 查询使用登记 (001 §(八)2): the access log, and the auditor's role that reads it.

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'AUDITOR';

-- CreateTable
CREATE TABLE "AccessLog" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorKind" TEXT NOT NULL,
    "userId" TEXT,
    "username" TEXT,
    "actorName" TEXT,
    "role" TEXT,
    "departmentId" TEXT,
    "departmentName" TEXT,
    "apiKeyId" TEXT,
    "kind" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "caseId" TEXT,
    "caseNumber" TEXT,
    "subjectCode" TEXT,
    "subjectName" TEXT,
    "subjectType" TEXT,
    "documentId" TEXT,
    "query" JSONB,
    "purpose" TEXT,
    "purposeNote" TEXT,
    "address" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "prevHash" TEXT,
    "hash" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AccessLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessLog_at_idx" ON "AccessLog"("at");

-- CreateIndex
CREATE INDEX "AccessLog_subjectCode_at_idx" ON "AccessLog"("subjectCode", "at");

-- CreateIndex
CREATE INDEX "AccessLog_caseId_at_idx" ON "AccessLog"("caseId", "at");

-- CreateIndex
CREATE INDEX "AccessLog_userId_at_idx" ON "AccessLog"("userId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "AccessLog_position_key" ON "AccessLog"("position");



-- The access log is append-only and hash-chained, as the audit trail is (20261231000000_audit_chain),
-- as one chain for the whole log: each entry carries its place, the hash of the entry before it and
-- its own hash over both and every field. A trigger assigns all three at insert, under one lock, so
-- no writer can fork the chain; another refuses any UPDATE, DELETE or TRUNCATE, whoever asks.
-- `npm run audit:verify` recomputes every hash with the same function and names the first entry
-- that does not match.
CREATE FUNCTION access_log_digest(prev TEXT, e "AccessLog") RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    coalesce(prev, ''), e."id", e."position"::text,
    to_char(e."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), e."actorKind", coalesce(e."userId", ''), coalesce(e."username", ''),
    coalesce(e."actorName", ''), coalesce(e."role", ''), coalesce(e."departmentId", ''), coalesce(e."departmentName", ''),
    coalesce(e."apiKeyId", ''), e."kind", e."method", e."path", coalesce(e."caseId", ''), coalesce(e."caseNumber", ''),
    coalesce(e."subjectCode", ''), coalesce(e."subjectName", ''), coalesce(e."subjectType", ''), coalesce(e."documentId", ''),
    coalesce(e."query"::text, ''), coalesce(e."purpose", ''), coalesce(e."purposeNote", ''), e."address",
    e."status"::text, e."outcome"), 'UTF8')), 'hex')
$$;

CREATE FUNCTION access_log_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last RECORD;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('AccessLog'));
  SELECT "position", "hash" INTO last FROM "AccessLog" ORDER BY "position" DESC LIMIT 1;
  NEW."position" := coalesce(last."position", 0) + 1;
  NEW."prevHash" := last."hash";
  NEW."hash" := access_log_digest(last."hash", NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER access_log_chain BEFORE INSERT ON "AccessLog" FOR EACH ROW EXECUTE FUNCTION access_log_chain();

-- (refuse_audit_change() is the audit trail's: it names the table it refuses to change.)
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON "AccessLog" FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON "AccessLog" FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
