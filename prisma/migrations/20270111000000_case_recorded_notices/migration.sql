-- A case page waiting for the system's own follow-up to a step (GET /api/cases/:id?settle=true) is
-- told when the case's audit trail gains an entry, by every process's listener
-- (activities/reference-data.ts), rather than asking the case's workflow every 50 ms meanwhile.
-- Sent when the entry commits; several entries of one transaction are one notice (PostgreSQL folds
-- a transaction's identical notices).
CREATE FUNCTION "notify_case_recorded"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('case_recorded', NEW."caseId");
  RETURN NULL;
END
$$;

CREATE TRIGGER "CaseEvent_recorded" AFTER INSERT ON "CaseEvent"
  FOR EACH ROW EXECUTE FUNCTION "notify_case_recorded"();
