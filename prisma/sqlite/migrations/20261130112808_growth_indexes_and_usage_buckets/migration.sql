-- DropIndex
DROP INDEX "Transaction_partnerId_phoneNumber_issuedAt_idx";

-- DropIndex
DROP INDEX "Transaction_partnerId_status_issuedAt_idx";

-- CreateTable
CREATE TABLE "UsageBucket" (
    "subjectId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "bucketStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("subjectId", "metric", "bucketStart")
);

-- CreateIndex
CREATE INDEX "UsageBucket_bucketStart_idx" ON "UsageBucket"("bucketStart");

-- CreateIndex
CREATE INDEX "ServiceCheckDaily_day_idx" ON "ServiceCheckDaily"("day");

-- CreateIndex
CREATE INDEX "Transaction_partnerId_phoneNumber_issuedAt_id_idx" ON "Transaction"("partnerId", "phoneNumber", "issuedAt", "id");

-- CreateIndex
CREATE INDEX "Transaction_partnerId_status_issuedAt_id_idx" ON "Transaction"("partnerId", "status", "issuedAt", "id");

-- CreateIndex
CREATE INDEX "Transaction_issuedAt_idx" ON "Transaction"("issuedAt");

-- CreateIndex
CREATE INDEX "Event_type_createdAt_idx" ON "Event"("type", "createdAt");

-- CreateIndex
CREATE INDEX "CallbackLog_createdAt_idx" ON "CallbackLog"("createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_eventId_idx" ON "WebhookDelivery"("eventId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_createdAt_idx" ON "WebhookDelivery"("createdAt");

-- CreateIndex
CREATE INDEX "LoginToken_createdAt_idx" ON "LoginToken"("createdAt");

