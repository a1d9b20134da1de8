-- AlterTable
ALTER TABLE "CalendarYear" ADD COLUMN     "updatedBy" TEXT;
