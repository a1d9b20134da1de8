-- 管理变更记录 and the second factor (issue 13 point 3): the administrator's changes to users, departments,
-- the measures catalogue and the list types, append-only and hash-chained; a list type can be retired;
-- a password the administrator set must be changed wherever the API runs; TOTP per user.

-- AlterEnum
ALTER TYPE "LoginOutcome" ADD VALUE 'SECOND_FACTOR_REQUIRED';

-- AlterEnum
ALTER TYPE "AccountEventKind" ADD VALUE 'TOTP_ENROLLED';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "adminSetPassword" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "totpEnabledAt" TIMESTAMP(3),
ADD COLUMN     "totpLastStep" INTEGER,
ADD COLUMN     "totpSecret" TEXT;

-- AlterTable
ALTER TABLE "ListType" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "AdminChange" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "entityName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "prevHash" TEXT,
    "hash" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AdminChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AdminChange_entity_entityId_at_idx" ON "AdminChange"("entity", "entityId", "at");

-- CreateIndex
CREATE INDEX "AdminChange_at_idx" ON "AdminChange"("at");

-- CreateIndex
CREATE UNIQUE INDEX "AdminChange_position_key" ON "AdminChange"("position");



-- The administrators' changes are append-only and hash-chained as the access log is
-- (20270103000000_access_log): one chain for the whole table; a trigger assigns each entry's place,
-- the previous entry's hash and its own over both and every field, under one lock; another refuses any
-- UPDATE, DELETE or TRUNCATE, whoever asks. `npm run audit:verify` recomputes every hash with the same
-- function and names the first entry that does not match.
CREATE FUNCTION admin_change_digest(prev TEXT, e "AdminChange") RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    coalesce(prev, ''), e."id", e."position"::text,
    to_char(e."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), e."actorId", e."actorName", e."actorRole",
    e."entity", e."entityId", e."entityName", e."action",
    coalesce(e."before"::text, ''), coalesce(e."after"::text, ''), e."reason", e."address"), 'UTF8')), 'hex')
$$;

CREATE FUNCTION admin_change_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last RECORD;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('AdminChange'));
  SELECT "position", "hash" INTO last FROM "AdminChange" ORDER BY "position" DESC LIMIT 1;
  NEW."position" := coalesce(last."position", 0) + 1;
  NEW."prevHash" := last."hash";
  NEW."hash" := admin_change_digest(last."hash", NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER admin_change_chain BEFORE INSERT ON "AdminChange" FOR EACH ROW EXECUTE FUNCTION admin_change_chain();

-- (refuse_audit_change() is the audit trail's: it names the table it refuses to change.)
CREATE TRIGGER admin_change_append_only BEFORE UPDATE OR DELETE ON "AdminChange" FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER admin_change_no_truncate BEFORE TRUNCATE ON "AdminChange" FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
