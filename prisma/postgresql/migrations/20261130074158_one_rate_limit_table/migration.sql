-- DropTable
DROP TABLE "RateLimiterFlexible";

