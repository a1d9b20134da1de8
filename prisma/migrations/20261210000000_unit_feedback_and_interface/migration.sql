-- CreateEnum
CREATE TYPE "FeedbackOutcome" AS ENUM ('APPLIED', 'NOT_APPLICABLE', 'LIFTED');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterTable
ALTER TABLE "Policy" ADD COLUMN     "unitAcknowledgementWorkingDays" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "unitFeedbackWorkingDays" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "unitLiftingWorkingDays" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "Push" ADD COLUMN     "acknowledgeBy" TIMESTAMP(3),
ADD COLUMN     "feedbackBy" TIMESTAMP(3),
ADD COLUMN     "feedbackDoneAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ExecutionFeedback" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "pushId" TEXT NOT NULL,
    "measureId" TEXT NOT NULL,
    "subjectCode" TEXT NOT NULL,
    "outcome" "FeedbackOutcome" NOT NULL,
    "on" DATE,
    "matter" TEXT,
    "reason" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "recordedById" TEXT,
    "recordedByName" TEXT NOT NULL,
    "apiKeyId" TEXT,

    CONSTRAINT "ExecutionFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitApiKey" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedBy" TEXT,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "UnitApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitAccess" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "subjectCode" TEXT NOT NULL,
    "listed" BOOLEAN NOT NULL,
    "caseIds" TEXT[],
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitAccess_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitWebhook" (
    "departmentId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,

    CONSTRAINT "UnitWebhook_pkey" PRIMARY KEY ("departmentId")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "pushId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "event" "PushKind" NOT NULL,
    "url" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "deliveryId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("deliveryId","attempt")
);

-- CreateIndex
CREATE INDEX "ExecutionFeedback_caseId_departmentId_idx" ON "ExecutionFeedback"("caseId", "departmentId");

-- CreateIndex
CREATE INDEX "ExecutionFeedback_pushId_idx" ON "ExecutionFeedback"("pushId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitApiKey_hash_key" ON "UnitApiKey"("hash");

-- CreateIndex
CREATE INDEX "UnitApiKey_departmentId_idx" ON "UnitApiKey"("departmentId");

-- CreateIndex
CREATE INDEX "UnitAccess_subjectCode_at_idx" ON "UnitAccess"("subjectCode", "at");

-- CreateIndex
CREATE INDEX "UnitAccess_departmentId_at_idx" ON "UnitAccess"("departmentId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_pushId_key" ON "WebhookDelivery"("pushId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_startedAt_idx" ON "WebhookDelivery"("startedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_departmentId_createdAt_idx" ON "WebhookDelivery"("departmentId", "createdAt");

-- AddForeignKey
ALTER TABLE "ExecutionFeedback" ADD CONSTRAINT "ExecutionFeedback_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExecutionFeedback" ADD CONSTRAINT "ExecutionFeedback_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExecutionFeedback" ADD CONSTRAINT "ExecutionFeedback_pushId_fkey" FOREIGN KEY ("pushId") REFERENCES "Push"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitApiKey" ADD CONSTRAINT "UnitApiKey_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitAccess" ADD CONSTRAINT "UnitAccess_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitAccess" ADD CONSTRAINT "UnitAccess_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "UnitApiKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitWebhook" ADD CONSTRAINT "UnitWebhook_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_pushId_fkey" FOREIGN KEY ("pushId") REFERENCES "Push"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


