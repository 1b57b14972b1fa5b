-- AlterTable
ALTER TABLE "Partner" ADD COLUMN "reviewReason" TEXT;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN "reviewReason" TEXT;

-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN "tokenFetchError" TEXT;
ALTER TABLE "WebhookEndpoint" ADD COLUMN "tokenFetchedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WebhookAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deliveryId" TEXT NOT NULL,
    "attemptedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusCode" INTEGER,
    "latencyMs" INTEGER,
    "error" TEXT,
    "responseExcerpt" TEXT,
    "requestHeaders" TEXT,
    "responseHeaders" TEXT,
    "responseBody" TEXT,
    "responseTruncated" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_WebhookAttempt" ("attemptedAt", "deliveryId", "error", "id", "latencyMs", "responseExcerpt", "statusCode") SELECT "attemptedAt", "deliveryId", "error", "id", "latencyMs", "responseExcerpt", "statusCode" FROM "WebhookAttempt";
DROP TABLE "WebhookAttempt";
ALTER TABLE "new_WebhookAttempt" RENAME TO "WebhookAttempt";
CREATE INDEX "WebhookAttempt_deliveryId_attemptedAt_idx" ON "WebhookAttempt"("deliveryId", "attemptedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

