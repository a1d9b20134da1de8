-- Every process that keeps sign-in sessions in memory (activities/reference-data.ts) is told, when
-- the change commits, that a session ended or changed hands (logout, a password change, an
-- administrator, a restore, psql) or that a user or department changed (role, department,
-- disabled): it drops the sessions it keeps. A session's last-seen time is written without a
-- notice: moving it on ends nothing, and whether a session has ended is always read afresh.
CREATE TRIGGER "Session_ended" AFTER DELETE OR TRUNCATE OR UPDATE OF "expiresAt", "userId" ON "Session"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_reference_changed"();
CREATE TRIGGER "User_changed" AFTER UPDATE OR DELETE OR TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_reference_changed"();
CREATE TRIGGER "Department_changed" AFTER UPDATE OR DELETE OR TRUNCATE ON "Department"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_reference_changed"();
