// The mail outbox: a message is a row written in the transaction of what caused it, then sent by the mail worker
// (never in the request path). A `dedupeKey` makes queueing idempotent: one alert per incident and recipient.
import { createId } from "@/lib/crypto/random";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";

export const MAIL_KINDS = [
  "invitation",
  "partner_review",
  "service_review",
  "service_status",
  "webhook_endpoint_disabled",
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export interface MailDraft {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  partnerId?: string | null;
  dedupeKey?: string;
}

type MailWriter = Pick<Db, "mailMessage">;

/** Queues messages inside the caller's transaction. Duplicates (same dedupeKey) are left out beforehand. */
export async function queueMail(db: MailWriter, drafts: MailDraft[]): Promise<void> {
  if (!drafts.length) return;
  const keys = drafts.flatMap((draft) => (draft.dedupeKey ? [draft.dedupeKey] : []));
  const existing = keys.length
    ? new Set(
        (await db.mailMessage.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } })).map(
          (row) => row.dedupeKey,
        ),
      )
    : new Set<string | null>();
  const rows = drafts
    .filter((draft) => !draft.dedupeKey || !existing.has(draft.dedupeKey))
    .map((draft) => ({
      id: createId("mail"),
      dedupeKey: draft.dedupeKey ?? null,
      kind: draft.kind,
      partnerId: draft.partnerId ?? null,
      toAddress: draft.to,
      subject: draft.subject,
      text: draft.text,
    }));
  if (rows.length) await db.mailMessage.createMany({ data: rows });
}

/** Outside a transaction: a concurrent producer that queued the same key first wins, quietly. */
export async function queueMailOnce(drafts: MailDraft[]): Promise<void> {
  try {
    await queueMail(getDb(), drafts);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    for (const draft of drafts) {
      try {
        await queueMail(getDb(), [draft]);
      } catch (single) {
        if (!isUniqueViolation(single)) throw single;
      }
    }
  }
}

/** For the admin's outbox page: newest first, keyset-paginated on (createdAt, id). */
export async function listMailMessages(options: { cursor?: string; limit?: number } = {}) {
  const limit = options.limit ?? 50;
  const [at, id] = options.cursor ? Buffer.from(options.cursor, "base64url").toString("utf8").split("|") : [];
  const after = at && id && !Number.isNaN(new Date(at).getTime()) ? { createdAt: new Date(at), id } : null;
  const rows = await getDb().mailMessage.findMany({
    where: after
      ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
      : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      kind: true,
      toAddress: true,
      subject: true,
      text: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString("base64url")
      : null;
  return { rows: page, nextCursor };
}
