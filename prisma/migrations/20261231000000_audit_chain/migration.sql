-- The audit trail (CaseEvent) is append-only and hash-chained per case: each entry carries its place
-- in its case's trail, the hash of the entry before it and its own hash over both and every field.
-- A database trigger assigns all three at insert, under a lock per case, so no writer can fork the
-- chain; another refuses any UPDATE, DELETE or TRUNCATE, whoever asks. `npm run audit:verify`
-- recomputes every hash with the same function and names the first entry that does not match.

ALTER TABLE "CaseEvent" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "CaseEvent" ADD COLUMN "prevHash" TEXT;
ALTER TABLE "CaseEvent" ADD COLUMN "hash" TEXT NOT NULL DEFAULT '';

-- The digest of an entry: the previous entry's hash and every field, in a fixed order and form
-- (jsonb's text form is canonical: keys sorted, whitespace fixed).
CREATE FUNCTION case_event_digest(prev TEXT, e "CaseEvent") RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    coalesce(prev, ''), e."id", e."caseId", e."stepKey", e."position"::text,
    to_char(e."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), coalesce(e."actorId", ''), e."actorName", e."actorRole",
    e."action", e."detail"::text, coalesce(e."reason", '')), 'UTF8')), 'hex')
$$;

-- Entries already on file are chained in the order they were written.
DO $$
DECLARE
  r RECORD;
  prev TEXT;
  last_case TEXT := NULL;
  pos INTEGER := 0;
BEGIN
  FOR r IN SELECT * FROM "CaseEvent" ORDER BY "caseId", "seq" LOOP
    IF last_case IS DISTINCT FROM r."caseId" THEN
      last_case := r."caseId";
      pos := 0;
      prev := NULL;
    END IF;
    pos := pos + 1;
    r."position" := pos;
    UPDATE "CaseEvent" SET "position" = pos, "prevHash" = prev, "hash" = case_event_digest(prev, r) WHERE "id" = r."id"
      RETURNING "hash" INTO prev;
  END LOOP;
END $$;

CREATE UNIQUE INDEX "CaseEvent_caseId_position_key" ON "CaseEvent"("caseId", "position");

CREATE FUNCTION case_event_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last RECORD;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('CaseEvent:' || NEW."caseId"));
  SELECT "position", "hash" INTO last FROM "CaseEvent" WHERE "caseId" = NEW."caseId" ORDER BY "position" DESC LIMIT 1;
  NEW."position" := coalesce(last."position", 0) + 1;
  NEW."prevHash" := last."hash";
  NEW."hash" := case_event_digest(last."hash", NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER case_event_chain BEFORE INSERT ON "CaseEvent" FOR EACH ROW EXECUTE FUNCTION case_event_chain();

CREATE FUNCTION refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON "CaseEvent" FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON "CaseEvent" FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
