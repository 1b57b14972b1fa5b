// The mail worker: turns status changes into alerts, then claims due messages with a lease (as webhook deliveries
// are claimed) and sends them over SMTP with retries. Without SMTP a message is `kept`: the admin reads it in the
// panel, and in development it is printed to the log. (Old mail and the audit log are pruned by lib/retention.)
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { createLoopWait } from "@/lib/jobs/loop-wait";
import { produceServiceStatusAlerts } from "./alert-producer";
import { getMailTransport } from "./transport";

/** Seconds to wait after the 1st, 2nd, … failed attempt; after the last the message is `failed`. */
export const MAIL_RETRY_SECONDS = [10, 60, 300, 1800, 7200];
const LEASE_SECONDS = 120;
const CLAIM_BATCH = 10;

export interface MailWorkerHandle {
  owner: string;
  stop: () => Promise<void>;
  stats: () => { sent: number; kept: number; failedAttempts: number };
}

type ClaimedMail = { id: string; toAddress: string; subject: string; text: string; attempts: number };

/** Leases up to `limit` due messages for `owner`: a row is taken only if nobody holds a live lease on it. */
export async function claimDueMail(options: { owner: string; limit: number; now?: Date }): Promise<ClaimedMail[]> {
  const db = getDb();
  const now = options.now ?? new Date();
  const due = await db.mailMessage.findMany({
    where: {
      status: "pending",
      nextAttemptAt: { lte: now },
      OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit,
    select: { id: true, leaseExpiresAt: true },
  });
  const claimed: ClaimedMail[] = [];
  for (const row of due) {
    const taken = await db.mailMessage.updateMany({
      where: { id: row.id, status: "pending", leaseExpiresAt: row.leaseExpiresAt },
      data: { leaseOwner: options.owner, leaseExpiresAt: new Date(now.getTime() + LEASE_SECONDS * 1000) },
    });
    if (taken.count !== 1) continue; // another worker took it first
    const message = await db.mailMessage.findUnique({
      where: { id: row.id },
      select: { id: true, toAddress: true, subject: true, text: true, attempts: true },
    });
    if (message) claimed.push(message);
  }
  return claimed;
}

/** Sends one claimed message and records the outcome, only while this worker still holds its lease. */
export async function sendClaimedMail(options: { message: ClaimedMail; owner: string; log: (line: string) => void }) {
  const { message, owner, log } = options;
  const db = getDb();
  const mine = { id: message.id, leaseOwner: owner };
  const transport = getMailTransport();
  if (!transport) {
    if (process.env.NODE_ENV !== "production") {
      log(`kept (no SMTP) → ${message.toAddress}: ${message.subject}\n${message.text}`);
    }
    await db.mailMessage.updateMany({ where: mine, data: { status: "kept", leaseOwner: null, leaseExpiresAt: null } });
    return "kept" as const;
  }
  try {
    await transport.sendMail({
      from: getConfig().mailFrom,
      to: message.toAddress,
      subject: message.subject,
      text: message.text,
    });
    await db.mailMessage.updateMany({
      where: mine,
      data: {
        status: "sent",
        sentAt: new Date(),
        attempts: message.attempts + 1,
        lastError: null,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    return "sent" as const;
  } catch (error) {
    const attempts = message.attempts + 1;
    const wait = MAIL_RETRY_SECONDS[attempts - 1];
    await db.mailMessage.updateMany({
      where: mine,
      data: {
        attempts,
        lastError: (error as Error).message.slice(0, 500),
        status: wait === undefined ? "failed" : "pending",
        nextAttemptAt: new Date(Date.now() + (wait ?? 0) * 1000),
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    log(`mail ${message.id} to ${message.toAddress} failed (attempt ${attempts}): ${(error as Error).message}`);
    return "failed" as const;
  }
}

export function startMailWorker(
  options: { owner?: string; pollMs?: number; log?: (line: string) => void } = {},
): MailWorkerHandle {
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const pollMs = options.pollMs ?? getConfig().mailPollMs;
  const log = options.log ?? ((line: string) => console.log(`portico mail: ${line}`));
  const counters = { sent: 0, kept: 0, failedAttempts: 0 };
  const wait = createLoopWait();
  let running = true;

  async function loop() {
    while (running) {
      try {
        await produceServiceStatusAlerts();
        const claimed = await claimDueMail({ owner, limit: CLAIM_BATCH });
        for (const message of claimed) {
          const outcome = await sendClaimedMail({ message, owner, log });
          if (outcome === "sent") counters.sent++;
          else if (outcome === "kept") counters.kept++;
          else counters.failedAttempts++;
        }
        if (claimed.length === CLAIM_BATCH) continue; // more may be due
      } catch (error) {
        log(`mail loop failed: ${(error as Error).message}`);
      }
      await wait.sleep(pollMs, { wakeOnSlot: false });
    }
  }

  const done = loop();
  return {
    owner,
    stats: () => ({ ...counters }),
    async stop() {
      running = false;
      wait.stop();
      await done;
    },
  };
}

const globalForMail = globalThis as unknown as { porticoMailWorker?: MailWorkerHandle };

/** A process-wide singleton in the server; off with PORTICO_DISABLE_WORKERS=1, like the webhooks worker. */
export function startServerMailWorker(): MailWorkerHandle | undefined {
  if (!getConfig().workersEnabled) return undefined;
  globalForMail.porticoMailWorker ??= startMailWorker();
  return globalForMail.porticoMailWorker;
}
