-- AlterTable
ALTER TABLE "Push" ADD COLUMN     "acknowledgementOverdueAt" TIMESTAMP(3),
ADD COLUMN     "feedbackOverdueAt" TIMESTAMP(3),
ADD COLUMN     "watchStartedAt" TIMESTAMP(3);


