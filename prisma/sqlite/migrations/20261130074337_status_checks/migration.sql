-- Status columns accept only their documented values (docs/database-providers.md). SQLite cannot add a constraint to a
-- table: each table is rebuilt the way Prisma rebuilds tables (new table, copy, drop, rename, indexes).
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Partner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "customerId" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "reviewedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "signingKeyCiphertext" TEXT,
    "previousSigningKeyCiphertext" TEXT,
    "previousSigningKeyValidUntil" DATETIME,
    "tokenRateLimitPerMinute" INTEGER NOT NULL DEFAULT 600,
    "phoneRateLimitPerMinute" INTEGER NOT NULL DEFAULT 5,
    CONSTRAINT "Partner_status_check" CHECK ("status" IN ('pending', 'approved', 'rejected'))
);
INSERT INTO "new_Partner" ("id", "name", "status", "customerId", "timeZone", "reviewedAt", "createdAt", "updatedAt", "signingKeyCiphertext", "previousSigningKeyCiphertext", "previousSigningKeyValidUntil", "tokenRateLimitPerMinute", "phoneRateLimitPerMinute") SELECT "id", "name", "status", "customerId", "timeZone", "reviewedAt", "createdAt", "updatedAt", "signingKeyCiphertext", "previousSigningKeyCiphertext", "previousSigningKeyValidUntil", "tokenRateLimitPerMinute", "phoneRateLimitPerMinute" FROM "Partner";
DROP TABLE "Partner";
ALTER TABLE "new_Partner" RENAME TO "Partner";
CREATE UNIQUE INDEX "Partner_customerId_key" ON "Partner"("customerId");
CREATE INDEX "Partner_status_idx" ON "Partner"("status");
CREATE TABLE "new_Service" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "partnerId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "checkIntervalSeconds" INTEGER NOT NULL DEFAULT 300,
    "secretCiphertext" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "version" TEXT,
    "lastCheckedAt" DATETIME,
    "nextCheckAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" DATETIME,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "downAfterFailures" INTEGER NOT NULL DEFAULT 2,
    "statusChangedAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    CONSTRAINT "Service_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Service_state_check" CHECK ("state" IN ('draft', 'submitted', 'published')),
    CONSTRAINT "Service_status_check" CHECK ("status" IN ('unknown', 'live', 'unauthentic', 'down'))
);
INSERT INTO "new_Service" ("id", "partnerId", "serviceId", "name", "url", "checkIntervalSeconds", "secretCiphertext", "state", "status", "version", "lastCheckedAt", "nextCheckAt", "submittedAt", "publishedAt", "createdAt", "updatedAt", "consecutiveFailures", "downAfterFailures", "statusChangedAt", "leaseOwner", "leaseExpiresAt") SELECT "id", "partnerId", "serviceId", "name", "url", "checkIntervalSeconds", "secretCiphertext", "state", "status", "version", "lastCheckedAt", "nextCheckAt", "submittedAt", "publishedAt", "createdAt", "updatedAt", "consecutiveFailures", "downAfterFailures", "statusChangedAt", "leaseOwner", "leaseExpiresAt" FROM "Service";
DROP TABLE "Service";
ALTER TABLE "new_Service" RENAME TO "Service";
CREATE UNIQUE INDEX "Service_serviceId_key" ON "Service"("serviceId");
CREATE INDEX "Service_partnerId_idx" ON "Service"("partnerId");
CREATE INDEX "Service_state_idx" ON "Service"("state");
CREATE INDEX "Service_nextCheckAt_idx" ON "Service"("nextCheckAt");
CREATE TABLE "new_ServiceCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "checkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "latencyMs" INTEGER,
    "version" TEXT,
    "error" TEXT,
    CONSTRAINT "ServiceCheck_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ServiceCheck_outcome_check" CHECK ("outcome" IN ('live', 'unauthentic', 'down'))
);
INSERT INTO "new_ServiceCheck" ("id", "serviceId", "checkedAt", "outcome", "httpStatus", "latencyMs", "version", "error") SELECT "id", "serviceId", "checkedAt", "outcome", "httpStatus", "latencyMs", "version", "error" FROM "ServiceCheck";
DROP TABLE "ServiceCheck";
ALTER TABLE "new_ServiceCheck" RENAME TO "ServiceCheck";
CREATE INDEX "ServiceCheck_serviceId_checkedAt_idx" ON "ServiceCheck"("serviceId", "checkedAt");
CREATE INDEX "ServiceCheck_checkedAt_idx" ON "ServiceCheck"("checkedAt");
CREATE TABLE "new_Transaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "partnerId" TEXT NOT NULL,
    "xid" TEXT NOT NULL,
    "phoneNumber" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'issued',
    "verifiedAt" DATETIME,
    CONSTRAINT "Transaction_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Transaction_status_check" CHECK ("status" IN ('issued', 'verified'))
);
INSERT INTO "new_Transaction" ("id", "partnerId", "xid", "phoneNumber", "tokenHash", "issuedAt", "expiresAt", "status", "verifiedAt") SELECT "id", "partnerId", "xid", "phoneNumber", "tokenHash", "issuedAt", "expiresAt", "status", "verifiedAt" FROM "Transaction";
DROP TABLE "Transaction";
ALTER TABLE "new_Transaction" RENAME TO "Transaction";
CREATE UNIQUE INDEX "Transaction_tokenHash_key" ON "Transaction"("tokenHash");
CREATE INDEX "Transaction_partnerId_issuedAt_id_idx" ON "Transaction"("partnerId", "issuedAt", "id");
CREATE INDEX "Transaction_partnerId_phoneNumber_issuedAt_idx" ON "Transaction"("partnerId", "phoneNumber", "issuedAt");
CREATE INDEX "Transaction_partnerId_status_issuedAt_idx" ON "Transaction"("partnerId", "status", "issuedAt");
CREATE UNIQUE INDEX "Transaction_partnerId_xid_key" ON "Transaction"("partnerId", "xid");
CREATE TABLE "new_CallbackConfig" (
    "serviceId" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL DEFAULT 'development',
    "url" TEXT,
    "apiUser" TEXT,
    "apiPasswordCiphertext" TEXT,
    "developmentTokenCiphertext" TEXT NOT NULL,
    "cacheTtlSeconds" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CallbackConfig_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CallbackConfig_mode_check" CHECK ("mode" IN ('production', 'development'))
);
INSERT INTO "new_CallbackConfig" ("serviceId", "mode", "url", "apiUser", "apiPasswordCiphertext", "developmentTokenCiphertext", "cacheTtlSeconds", "createdAt", "updatedAt") SELECT "serviceId", "mode", "url", "apiUser", "apiPasswordCiphertext", "developmentTokenCiphertext", "cacheTtlSeconds", "createdAt", "updatedAt" FROM "CallbackConfig";
DROP TABLE "CallbackConfig";
ALTER TABLE "new_CallbackConfig" RENAME TO "CallbackConfig";

CREATE TABLE "new_CallbackLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userIdentifier" TEXT,
    "mode" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "callbackStatus" INTEGER,
    "latencyMs" INTEGER,
    "error" TEXT,
    "test" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "CallbackLog_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CallbackLog_mode_check" CHECK ("mode" IN ('production', 'development')),
    CONSTRAINT "CallbackLog_outcome_check" CHECK ("outcome" IN ('certified', 'rejected', 'unreachable', 'cached'))
);
INSERT INTO "new_CallbackLog" ("id", "serviceId", "createdAt", "userIdentifier", "mode", "outcome", "callbackStatus", "latencyMs", "error", "test") SELECT "id", "serviceId", "createdAt", "userIdentifier", "mode", "outcome", "callbackStatus", "latencyMs", "error", "test" FROM "CallbackLog";
DROP TABLE "CallbackLog";
ALTER TABLE "new_CallbackLog" RENAME TO "CallbackLog";
CREATE INDEX "CallbackLog_serviceId_createdAt_idx" ON "CallbackLog"("serviceId", "createdAt");
CREATE TABLE "new_WebhookEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "partnerId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "events" TEXT NOT NULL DEFAULT '[]',
    "authType" TEXT NOT NULL DEFAULT 'none',
    "authConfigCiphertext" TEXT,
    "secretCiphertext" TEXT NOT NULL,
    "previousSecretCiphertext" TEXT,
    "previousSecretExpiresAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'enabled',
    "disabledReason" TEXT,
    "disabledAt" DATETIME,
    "failingSince" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WebhookEndpoint_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebhookEndpoint_authType_check" CHECK ("authType" IN ('none', 'oauth2_v1', 'oauth2_v2')),
    CONSTRAINT "WebhookEndpoint_status_check" CHECK ("status" IN ('enabled', 'disabled'))
);
INSERT INTO "new_WebhookEndpoint" ("id", "partnerId", "url", "description", "events", "authType", "authConfigCiphertext", "secretCiphertext", "previousSecretCiphertext", "previousSecretExpiresAt", "status", "disabledReason", "disabledAt", "failingSince", "createdAt", "updatedAt") SELECT "id", "partnerId", "url", "description", "events", "authType", "authConfigCiphertext", "secretCiphertext", "previousSecretCiphertext", "previousSecretExpiresAt", "status", "disabledReason", "disabledAt", "failingSince", "createdAt", "updatedAt" FROM "WebhookEndpoint";
DROP TABLE "WebhookEndpoint";
ALTER TABLE "new_WebhookEndpoint" RENAME TO "WebhookEndpoint";
CREATE INDEX "WebhookEndpoint_partnerId_idx" ON "WebhookEndpoint"("partnerId");
CREATE TABLE "new_WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" DATETIME,
    "lastStatusCode" INTEGER,
    "lastLatencyMs" INTEGER,
    "lastError" TEXT,
    "lastResponseExcerpt" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebhookDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebhookDelivery_status_check" CHECK ("status" IN ('pending', 'succeeded', 'failed'))
);
INSERT INTO "new_WebhookDelivery" ("id", "endpointId", "eventId", "eventType", "status", "attempts", "nextAttemptAt", "lastAttemptAt", "lastStatusCode", "lastLatencyMs", "lastError", "lastResponseExcerpt", "leaseOwner", "leaseExpiresAt", "createdAt", "updatedAt") SELECT "id", "endpointId", "eventId", "eventType", "status", "attempts", "nextAttemptAt", "lastAttemptAt", "lastStatusCode", "lastLatencyMs", "lastError", "lastResponseExcerpt", "leaseOwner", "leaseExpiresAt", "createdAt", "updatedAt" FROM "WebhookDelivery";
DROP TABLE "WebhookDelivery";
ALTER TABLE "new_WebhookDelivery" RENAME TO "WebhookDelivery";
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");
CREATE UNIQUE INDEX "WebhookDelivery_endpointId_eventId_key" ON "WebhookDelivery"("endpointId", "eventId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
