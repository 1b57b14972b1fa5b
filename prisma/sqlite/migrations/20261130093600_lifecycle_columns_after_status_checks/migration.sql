-- The status_checks migration rebuilt these tables (SQLite adds CHECK constraints by redefining a table) from a schema
-- that did not yet have lifecycle_details' columns, dropping them: add them back.
ALTER TABLE "Partner" ADD COLUMN "reviewReason" TEXT;
ALTER TABLE "Service" ADD COLUMN "reviewReason" TEXT;
ALTER TABLE "WebhookEndpoint" ADD COLUMN "tokenFetchError" TEXT;
ALTER TABLE "WebhookEndpoint" ADD COLUMN "tokenFetchedAt" DATETIME;
