-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "phoneRateLimitPerMinute" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "previousSigningKeyCiphertext" TEXT,
ADD COLUMN     "previousSigningKeyValidUntil" TIMESTAMP(3),
ADD COLUMN     "signingKeyCiphertext" TEXT,
ADD COLUMN     "tokenRateLimitPerMinute" INTEGER NOT NULL DEFAULT 600;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "downAfterFailures" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "statusChangedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ServiceCheck" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "latencyMs" INTEGER,
    "version" TEXT,
    "error" TEXT,

    CONSTRAINT "ServiceCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceVersion" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceVersion_pkey" PRIMARY KEY ("id")
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

    CONSTRAINT "ServiceCheckDaily_pkey" PRIMARY KEY ("serviceId","day")
);

-- CreateTable
CREATE TABLE "Transaction" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "xid" TEXT NOT NULL,
    "phoneNumber" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'issued',
    "verifiedAt" TIMESTAMP(3),

    CONSTRAINT "Transaction_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "ServiceCheck" ADD CONSTRAINT "ServiceCheck_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceVersion" ADD CONSTRAINT "ServiceVersion_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceCheckDaily" ADD CONSTRAINT "ServiceCheckDaily_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

