-- CreateTable
CREATE TABLE "StuckActivity" (
    "caseId" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "lastError" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StuckActivity_pkey" PRIMARY KEY ("caseId","activity")
);

-- AddForeignKey
ALTER TABLE "StuckActivity" ADD CONSTRAINT "StuckActivity_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


