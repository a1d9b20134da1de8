-- AlterTable
ALTER TABLE "CaseMeasure" ADD COLUMN     "liftedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Objection" ADD COLUMN     "applicantCode" TEXT;

-- AlterTable
ALTER TABLE "RepairApplication" ADD COLUMN     "applicantCode" TEXT;

-- CreateTable
CREATE TABLE "DocumentService" (
    "documentId" TEXT NOT NULL,
    "recipientCode" TEXT NOT NULL,
    "recipientName" TEXT NOT NULL,
    "method" "ServiceMethod" NOT NULL,
    "receivedOn" DATE NOT NULL,
    "servedOn" DATE NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedByName" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocumentService_pkey" PRIMARY KEY ("documentId","recipientCode")
);

-- AddForeignKey
ALTER TABLE "DocumentService" ADD CONSTRAINT "DocumentService_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


