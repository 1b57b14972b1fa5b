-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "RateLimiterFlexible";
PRAGMA foreign_keys=on;

