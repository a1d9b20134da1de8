-- Every process that keeps sign-in sessions in memory (activities/reference-data.ts) is told, when
-- the change commits, that a session ended or changed hands (logout, a password change, an
-- administrator, psql) or that a user or department changed (role, department, disabled): it
-- drops the sessions it keeps. A session's last-seen time is written without a notice: moving it
-- on ends nothing, and whether a session has ended is always read afresh.
--
-- Row by row, so that a statement that changes nothing (a sign-out with a token that names no
-- session, which anyone may send) notifies no one; PostgreSQL sends one notice per transaction
-- for the same payload however many rows change.
CREATE TRIGGER "Session_ended" AFTER DELETE ON "Session"
  FOR EACH ROW EXECUTE FUNCTION "notify_reference_changed"();
CREATE TRIGGER "Session_changed" AFTER UPDATE OF "expiresAt", "userId" ON "Session"
  FOR EACH ROW WHEN (OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt" OR OLD."userId" IS DISTINCT FROM NEW."userId")
  EXECUTE FUNCTION "notify_reference_changed"();
CREATE TRIGGER "Session_truncated" AFTER TRUNCATE ON "Session"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_reference_changed"();
CREATE TRIGGER "User_changed" AFTER UPDATE OR DELETE ON "User"
  FOR EACH ROW EXECUTE FUNCTION "notify_reference_changed"();
CREATE TRIGGER "User_truncated" AFTER TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_reference_changed"();
CREATE TRIGGER "Department_changed" AFTER UPDATE OR DELETE ON "Department"
  FOR EACH ROW EXECUTE FUNCTION "notify_reference_changed"();
CREATE TRIGGER "Department_truncated" AFTER TRUNCATE ON "Department"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_reference_changed"();
