import { randomBytes } from "node:crypto";
import { createUser } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";

export async function startPortico(): Promise<void> {
  const config = getConfig();
  const applied = await applyMigrations();
  if (applied.length) console.log(`portico: applied migrations ${applied.join(", ")}`);
  await ensureFirstAdmin();
  console.log(`portico: ${config.databaseProvider} database ready`);
  (await import("@/lib/jobs/scheduler")).startServerScheduler(); // seed-000 checks; off with PORTICO_DISABLE_SCHEDULER=1
  (await import("@/lib/webhooks/worker")).startServerWebhookWorker(); // seed-003 deliveries; off with PORTICO_DISABLE_WORKERS=1
  (await import("@/lib/mail/worker")).startServerMailWorker(); // e-mail and alerts; off with PORTICO_DISABLE_WORKERS=1
}

/** The first start creates an admin and prints its password once. The CLI can create more. */
export async function ensureFirstAdmin(): Promise<void> {
  const db = getDb();
  if (await db.user.findFirst({ where: { role: "admin" }, select: { id: true } })) return;
  const email = process.env.PORTICO_ADMIN_EMAIL ?? "admin@portico.local";
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
