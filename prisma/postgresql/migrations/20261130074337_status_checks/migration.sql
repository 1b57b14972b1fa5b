-- Status columns accept only their documented values (docs/database-providers.md).
ALTER TABLE "Partner" ADD CONSTRAINT "Partner_status_check" CHECK ("status" IN ('pending', 'approved', 'rejected'));
ALTER TABLE "Service" ADD CONSTRAINT "Service_state_check" CHECK ("state" IN ('draft', 'submitted', 'published'));
ALTER TABLE "Service" ADD CONSTRAINT "Service_status_check" CHECK ("status" IN ('unknown', 'live', 'unauthentic', 'down'));
ALTER TABLE "ServiceCheck" ADD CONSTRAINT "ServiceCheck_outcome_check" CHECK ("outcome" IN ('live', 'unauthentic', 'down'));
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_status_check" CHECK ("status" IN ('issued', 'verified'));
ALTER TABLE "CallbackConfig" ADD CONSTRAINT "CallbackConfig_mode_check" CHECK ("mode" IN ('production', 'development'));
ALTER TABLE "CallbackLog" ADD CONSTRAINT "CallbackLog_mode_check" CHECK ("mode" IN ('production', 'development'));
ALTER TABLE "CallbackLog" ADD CONSTRAINT "CallbackLog_outcome_check" CHECK ("outcome" IN ('certified', 'rejected', 'unreachable', 'cached'));
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_authType_check" CHECK ("authType" IN ('none', 'oauth2_v1', 'oauth2_v2'));
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_status_check" CHECK ("status" IN ('enabled', 'disabled'));
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_status_check" CHECK ("status" IN ('pending', 'succeeded', 'failed'));
