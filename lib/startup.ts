import { randomBytes } from "node:crypto";
import { listenToSiblingProcesses } from "@/lib/auth/auth-generation";
import { createUser } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";

export async function startPortico(): Promise<void> {
  // First: a bad environment variable stops the start here, with a message naming it.
  const config = getConfig();
  listenToSiblingProcesses(); // npm start's several server processes: a revocation in one reaches all at once
  const applied = await applyMigrations();
  if (applied.length) console.log(`portico: applied migrations ${applied.join(", ")}`);
  await ensureFirstAdmin();
  console.log(`portico: ${config.databaseProvider} database ready`);
  const scheduler = (await import("@/lib/jobs/scheduler")).startServerScheduler(); // off with PORTICO_DISABLE_SCHEDULER=1
  const webhooks = (await import("@/lib/webhooks/worker")).startServerWebhookWorker(); // off with PORTICO_DISABLE_WORKERS=1
  const mail = (await import("@/lib/mail/worker")).startServerMailWorker(); // e-mail and alerts; off with PORTICO_DISABLE_WORKERS=1
  const retention = (await import("@/lib/retention/job")).startServerRetentionJob(); // off with PORTICO_DISABLE_RETENTION=1
  const loops = { checks: scheduler, webhooks, mail, retention };
  const running = Object.keys(loops).filter((name) => loops[name as keyof typeof loops]);
  console.log(`portico: background loops in process ${process.pid}: ${running.join(", ") || "none"}`);
  // SIGTERM: requests in flight finish (Next closes the listener) while the loops finish or give back their leases.
  (await import("@/lib/ops/shutdown")).installGracefulShutdown({
    drain: async () => {
      await Promise.all([scheduler?.stop(), webhooks?.stop(), mail?.stop(), retention?.stop()]);
    },
  });
}

/** The first start creates an admin and prints its password once. The CLI can create more. */
export async function ensureFirstAdmin(): Promise<void> {
  const db = getDb();
  if (await db.user.findFirst({ where: { role: "admin" }, select: { id: true } })) return;
  const email = getConfig().adminEmail;
  const password = randomBytes(12).toString("base64url");
  try {
    await createUser({ email, password, role: "admin", name: "Administrator" });
  } catch {
    return; // another instance created it first
  }
  console.log(
    [
      "",
      "  ┌──────────────────────────────────────────────────────────────┐",
      "  │ Portico created the first admin account (shown only once):  │",
      `  │   email:    ${email.padEnd(49)}│`,
      `  │   password: ${password.padEnd(49)}│`,
      "  └──────────────────────────────────────────────────────────────┘",
      "",
    ].join("\n"),
  );
}
