-- The public lookup at city scale: an organisation found by the beginning of its name, a B-tree
-- prefix scan (the embedded database's collation is C).
CREATE INDEX "Case_subjectName_idx" ON "Case"("subjectName");
