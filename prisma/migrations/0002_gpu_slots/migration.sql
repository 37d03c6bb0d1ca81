-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "gpuSlots" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "queueConcurrency" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "gpuIndices" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "gpusRequested" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "shareGpus" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "waitReason" TEXT,
ADD COLUMN     "waitingSince" TIMESTAMP(3);

