-- On SQLite the status_checks migration dropped lifecycle_details' columns (it redefined the tables); PostgreSQL kept
-- them. This migration restores them where missing, so both databases end with the same columns.
ALTER TABLE "Partner" ADD COLUMN IF NOT EXISTS "reviewReason" TEXT;
ALTER TABLE "Service" ADD COLUMN IF NOT EXISTS "reviewReason" TEXT;
ALTER TABLE "WebhookEndpoint" ADD COLUMN IF NOT EXISTS "tokenFetchError" TEXT;
ALTER TABLE "WebhookEndpoint" ADD COLUMN IF NOT EXISTS "tokenFetchedAt" TIMESTAMP(3);
