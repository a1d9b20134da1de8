-- CreateTable
CREATE TABLE "CalendarChange" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "changedBy" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "casesTold" INTEGER,
    "unitDeadlinesMoved" INTEGER,

    CONSTRAINT "CalendarChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CalendarChange_startedAt_idx" ON "CalendarChange"("startedAt");


