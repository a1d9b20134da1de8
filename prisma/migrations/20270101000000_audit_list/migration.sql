-- CreateIndex
CREATE INDEX "CaseEvent_at_idx" ON "CaseEvent"("at");
