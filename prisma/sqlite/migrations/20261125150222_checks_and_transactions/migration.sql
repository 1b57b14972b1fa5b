-- CreateTable
CREATE TABLE "ServiceCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "checkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "latencyMs" INTEGER,
    "version" TEXT,
    "error" TEXT,
    CONSTRAINT "ServiceCheck_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServiceVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ServiceVersion_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServiceCheckDaily" (
    "serviceId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "live" INTEGER NOT NULL DEFAULT 0,
    "unauthentic" INTEGER NOT NULL DEFAULT 0,
    "down" INTEGER NOT NULL DEFAULT 0,
    "latencyMsTotal" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("serviceId", "day"),
    CONSTRAINT "ServiceCheckDaily_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Transaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "partnerId" TEXT NOT NULL,
    "xid" TEXT NOT NULL,
    "phoneNumber" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'issued',
    "verifiedAt" DATETIME,
    CONSTRAINT "Transaction_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
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
    "phoneRateLimitPerMinute" INTEGER NOT NULL DEFAULT 5
);
INSERT INTO "new_Partner" ("createdAt", "customerId", "id", "name", "reviewedAt", "status", "timeZone", "updatedAt") SELECT "createdAt", "customerId", "id", "name", "reviewedAt", "status", "timeZone", "updatedAt" FROM "Partner";
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
    CONSTRAINT "Service_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Service" ("checkIntervalSeconds", "createdAt", "id", "lastCheckedAt", "name", "nextCheckAt", "partnerId", "publishedAt", "secretCiphertext", "serviceId", "state", "status", "submittedAt", "updatedAt", "url", "version") SELECT "checkIntervalSeconds", "createdAt", "id", "lastCheckedAt", "name", "nextCheckAt", "partnerId", "publishedAt", "secretCiphertext", "serviceId", "state", "status", "submittedAt", "updatedAt", "url", "version" FROM "Service";
DROP TABLE "Service";
ALTER TABLE "new_Service" RENAME TO "Service";
CREATE UNIQUE INDEX "Service_serviceId_key" ON "Service"("serviceId");
CREATE INDEX "Service_partnerId_idx" ON "Service"("partnerId");
CREATE INDEX "Service_state_idx" ON "Service"("state");
CREATE INDEX "Service_nextCheckAt_idx" ON "Service"("nextCheckAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ServiceCheck_serviceId_checkedAt_idx" ON "ServiceCheck"("serviceId", "checkedAt");

-- CreateIndex
CREATE INDEX "ServiceCheck_checkedAt_idx" ON "ServiceCheck"("checkedAt");

-- CreateIndex
CREATE INDEX "ServiceVersion_serviceId_firstSeenAt_idx" ON "ServiceVersion"("serviceId", "firstSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_tokenHash_key" ON "Transaction"("tokenHash");

-- CreateIndex
CREATE INDEX "Transaction_partnerId_issuedAt_id_idx" ON "Transaction"("partnerId", "issuedAt", "id");

-- CreateIndex
CREATE INDEX "Transaction_partnerId_phoneNumber_issuedAt_idx" ON "Transaction"("partnerId", "phoneNumber", "issuedAt");

-- CreateIndex
CREATE INDEX "Transaction_partnerId_status_issuedAt_idx" ON "Transaction"("partnerId", "status", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_partnerId_xid_key" ON "Transaction"("partnerId", "xid");

