// `npm run worker`: the check scheduler alone, without the web server. Run any number of them against one
// PostgreSQL database (or one next to a SQLite server); leases keep each due check to exactly one process.
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { startScheduler } from "@/lib/jobs/scheduler";

async function main() {
  const config = getConfig();
  await applyMigrations();
  const scheduler = startScheduler();
  console.log(JSON.stringify({ worker: scheduler.owner, database: config.databaseProvider, pid: process.pid }));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`portico worker: ${signal}, finishing checks in flight`);
    await scheduler.stop();
    console.log(JSON.stringify({ stopped: scheduler.owner, ...scheduler.stats() }));
    await getDb().$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error("portico worker:", error);
  process.exit(1);
});
