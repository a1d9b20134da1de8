-- Whoever changes the list types or the working-day calendar (the API, a restore, psql), every
-- process that keeps them in memory (activities/reference-data.ts) is told when the change commits.
CREATE FUNCTION "notify_reference_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('reference_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER "ListType_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ListType"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_reference_changed"();
CREATE TRIGGER "CalendarYear_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CalendarYear"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_reference_changed"();
CREATE TRIGGER "CalendarDay_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CalendarDay"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_reference_changed"();
