-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "reviewReason" TEXT;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "reviewReason" TEXT;

-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "tokenFetchError" TEXT,
ADD COLUMN     "tokenFetchedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WebhookAttempt" ADD COLUMN     "requestHeaders" TEXT,
ADD COLUMN     "responseBody" TEXT,
ADD COLUMN     "responseHeaders" TEXT,
ADD COLUMN     "responseTruncated" BOOLEAN NOT NULL DEFAULT false;

