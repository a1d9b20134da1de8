-- Evidence files: statements, objections and repair applications carry them, and a filing carries
-- the scanned basis document. Uploaded first (no case), linked once by the step that files them.

-- CreateEnum
CREATE TYPE "AttachmentPurpose" AS ENUM ('BASIS_DOCUMENT', 'STATEMENT', 'OBJECTION', 'REPAIR_APPLICATION');

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "uploadedByName" TEXT NOT NULL,
    "uploadedByRole" "Role" NOT NULL,
    "uploadedByDepartmentId" TEXT,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "caseId" TEXT,
    "purpose" "AttachmentPurpose",
    "reference" TEXT NOT NULL DEFAULT '',
    "linkedAt" TIMESTAMP(3),

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attachment_caseId_idx" ON "Attachment"("caseId");

-- CreateIndex
CREATE INDEX "Attachment_uploadedById_caseId_idx" ON "Attachment"("uploadedById", "caseId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;


