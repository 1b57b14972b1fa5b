// `npm run worker`: the background loops without the web server — the /authorize check scheduler, the webhook
// delivery worker, the mail worker and the retention job (`-- --only=checks|webhooks|mail` for one loop). Run any number against one
// PostgreSQL database (or one next to a SQLite server): leases give each due check or delivery to one process at a
// time, and a killed process's leases lapse. Prints one JSON line on start and one per loop when stopped.
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { startScheduler } from "@/lib/jobs/scheduler";
import { startMailWorker } from "@/lib/mail/worker";
import { watchParent } from "@/lib/ops/shutdown";
import { startServerRetentionJob } from "@/lib/retention/job";
import { startWebhookWorker } from "@/lib/webhooks/worker";

interface Loop {
  name: "checks" | "webhooks" | "mail";
  owner: string;
  stop: () => Promise<void>;
  stats: () => object;
}

function parseOnly(argv: string[]): Loop["name"] | undefined {
  const value = argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
  if (value === undefined) return undefined;
  if (value !== "checks" && value !== "webhooks" && value !== "mail") {
    throw new Error(`--only must be checks, webhooks or mail, not ${value}`);
  }
  return value;
}

async function main() {
  const only = parseOnly(process.argv.slice(2));
  const config = getConfig();
  await applyMigrations();
  const loops: Loop[] = [];
  if (only === undefined || only === "checks") loops.push({ name: "checks", ...startScheduler() });
  if (only === undefined || only === "webhooks") loops.push({ name: "webhooks", ...startWebhookWorker() });
  if (only === undefined || only === "mail") loops.push({ name: "mail", ...startMailWorker() });
  // Retention runs beside all loops (not with --only, which asks for one loop): cheap, idempotent, batched.
  const retention = only === undefined ? startServerRetentionJob() : undefined;
  const owners = Object.fromEntries(
    loops.map((loop) => [
      loop.name === "checks" ? "worker" : loop.name === "webhooks" ? "webhook_worker" : "mail_worker",
      loop.owner,
    ]),
  );
  console.log(JSON.stringify({ ...owners, database: config.databaseProvider, pid: process.pid }));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`portico worker: ${signal}, finishing the checks and deliveries in flight`);
    await Promise.all([...loops.map((loop) => loop.stop()), retention?.stop()]);
    for (const loop of loops) console.log(JSON.stringify({ stopped: loop.owner, loop: loop.name, ...loop.stats() }));
    await getDb().$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  // A killed `npm run worker` must not leave this process running on its own.
  watchParent(() => void stop("parent process gone"));
}

main().catch((error: Error) => {
  console.error(`portico worker: ${error.message}`);
  process.exit(1);
});
