-- The public lookup at city scale: an organisation found by the beginning of its name, as a
-- B-tree prefix scan whatever the database's collation.
CREATE INDEX "Case_subjectName_idx" ON "Case"("subjectName" text_pattern_ops);
