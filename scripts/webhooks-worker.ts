// A webhook delivery worker without the web server (multi-instance mode: run any number against one PostgreSQL
// database). Claims use leases, so each due delivery is sent by one process at a time; a killed worker's leases lapse.
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { startWebhookWorker } from "@/lib/webhooks/worker";

async function main() {
  const config = getConfig();
  await applyMigrations();
  const worker = startWebhookWorker();
  console.log(JSON.stringify({ webhook_worker: worker.owner, database: config.databaseProvider, pid: process.pid }));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`portico webhooks worker: ${signal}, finishing deliveries in flight`);
    await worker.stop();
    console.log(JSON.stringify({ stopped: worker.owner, ...worker.stats() }));
    await getDb().$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error("portico webhooks worker:", error);
  process.exit(1);
});
