// Service status alerts from the event outbox. One mail per incident and recipient: an incident starts when a
// service leaves `live` (or `unknown`) for `down` (already debounced: N consecutive failed checks) or `unauthentic`,
// and ends with a "recovered" mail when it is `live` again; moves between failing statuses stay the same incident.
// The producer re-reads a trailing window behind its cursor, because a check's event may commit a little after a
// later one; the dedupe key (event and recipient) makes the re-read harmless.
import { getDb } from "@/lib/db/client";
import { listAlertRecipients } from "./alerts";
import { serviceStatusMail } from "./messages";
import { type MailDraft, queueMailOnce } from "./outbox";

const CURSOR = "mail:service-status";
const REREAD_WINDOW_MS = 60_000;
const BATCH = 200;
const FAILING = new Set(["down", "unauthentic"]);

function isIncidentEdge(previous: string, status: string): boolean {
  return (FAILING.has(status) && !FAILING.has(previous)) || (status === "live" && FAILING.has(previous));
}

/** Queues the alerts of status changes since the last run. Returns how many messages it queued (upper bound). */
export async function produceServiceStatusAlerts(now: Date = new Date()): Promise<number> {
  const db = getDb();
  const cursor = await db.jobCursor.findUnique({ where: { name: CURSOR } });
  if (!cursor) {
    // First run: alerts start now, not for history.
    await db.jobCursor.upsert({
      where: { name: CURSOR },
      create: { name: CURSOR, createdAt: now, lastId: "" },
      update: {},
    });
    return 0;
  }
  const events = await db.event.findMany({
    where: {
      type: "service.status_changed",
      createdAt: { gt: new Date(cursor.createdAt.getTime() - REREAD_WINDOW_MS) },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: BATCH,
    select: { id: true, partnerId: true, data: true, createdAt: true },
  });
  let queued = 0;
  for (const event of events) {
    const data = JSON.parse(event.data) as { id?: string; previous_status?: string; status?: string };
    if (!data.id || !data.status || !isIncidentEdge(data.previous_status ?? "unknown", data.status)) continue;
    const service = await db.service.findUnique({ where: { id: data.id }, select: { name: true } });
    if (!service) continue;
    const recipients = await listAlertRecipients(db, { partnerId: event.partnerId, kind: "service_status" });
    const drafts: MailDraft[] = recipients.map((to) =>
      serviceStatusMail({
        to,
        serviceName: service.name,
        serviceId: data.id as string,
        status: data.status as string,
        previousStatus: data.previous_status ?? "unknown",
        partnerId: event.partnerId,
        dedupeKey: `service-status:${event.id}:${to}`,
      }),
    );
    await queueMailOnce(drafts);
    queued += drafts.length;
  }
  const last = events.at(-1);
  if (last && last.createdAt > cursor.createdAt) {
    await db.jobCursor.update({ where: { name: CURSOR }, data: { createdAt: last.createdAt, lastId: last.id } });
  }
  return queued;
}
