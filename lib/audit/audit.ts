// The audit log: append-only rows written with the change they record (pass the transaction client), read newest
// first with a keyset cursor, pruned by lib/retention after PORTICO_AUDIT_RETENTION_DAYS.
import { z } from "zod";
import { createId } from "@/lib/crypto/random";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { filterDateSchema, optionalFilter } from "@/lib/panel/filter-fields";
import { addDays, startOfDay } from "@/lib/time/zones";
import { csvCell } from "@/lib/tokens/transactions";
import { AUDIT_ACTIONS, type AuditAction } from "./actions";
import { getAuditContext } from "./context";

type AuditWriter = Pick<Db, "auditEvent">;

export interface AuditTarget {
  type: string;
  id: string;
}

/** Records one action inside the caller's transaction: if the change rolls back, so does its record. */
export async function recordAudit(
  db: AuditWriter,
  options: {
    partnerId: string | null;
    action: AuditAction;
    target: AuditTarget;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  const { actor, ip } = getAuditContext();
  await db.auditEvent.create({
    data: {
      id: createId("aud"),
      partnerId: options.partnerId,
      action: options.action,
      actorType: actor.type,
      actorId: actor.id,
      actorEmail: actor.type === "user" ? (actor.email ?? null) : null,
      targetType: options.target.type,
      targetId: options.target.id,
      ip,
      data: options.data ? JSON.stringify(options.data) : null,
    },
  });
}

export const auditEventSchema = z
  .object({
    id: z.string(),
    action: z.string().meta({ example: "service.created" }),
    actor: z.object({
      type: z.enum(["user", "api_token", "system"]),
      id: z.string().nullable(),
      email: z.string().optional(),
    }),
    target: z.object({ type: z.string(), id: z.string() }),
    ip: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "AuditEvent", description: "One recorded security-relevant action." });

export const auditEventListSchema = z
  .object({
    data: z.array(auditEventSchema),
    next_cursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next (older) page." }),
  })
  .meta({ id: "AuditEventList" });

export const listAuditEventsQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type AuditEventOutput = z.infer<typeof auditEventSchema>;

export type AuditRow = {
  id: string;
  action: string;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  targetType: string;
  targetId: string;
  ip: string | null;
  data: string | null;
  createdAt: Date;
  partnerId: string | null;
};

export function toAuditEventOutput(row: AuditRow): AuditEventOutput {
  return {
    id: row.id,
    action: row.action,
    actor: {
      type: row.actorType as AuditEventOutput["actor"]["type"],
      id: row.actorId,
      ...(row.actorEmail ? { email: row.actorEmail } : {}),
    },
    target: { type: row.targetType, id: row.targetId },
    ip: row.ip,
    created_at: row.createdAt.toISOString(),
  };
}

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new AppError("invalid_request", "cursor: use the next_cursor of the previous page.");
  }
  return { createdAt, id };
}

/**
 * Newest first. `partnerId` scopes to one partner (partners see only their own); `allPartners` is the admin's view.
 * Filters: action, actor e-mail or id (`actor`), and a date range.
 */
export async function listAuditEvents(
  options: ({ partnerId: string } | { allPartners: true }) & {
    cursor?: string;
    action?: string;
    actor?: string;
    from?: Date;
    to?: Date;
    limit?: number;
  },
) {
  const limit = options.limit ?? 50;
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const rows = await getDb().auditEvent.findMany({
    where: {
      AND: [
        "partnerId" in options ? { partnerId: options.partnerId } : {},
        options.action ? { action: options.action } : {},
        options.actor ? { OR: [{ actorEmail: options.actor.toLowerCase() }, { actorId: options.actor }] } : {},
        options.from ? { createdAt: { gte: options.from } } : {},
        options.to ? { createdAt: { lt: options.to } } : {},
        // `createdAt <= t` bounds the index range (without it SQLite may read every older row and sort them); the OR
        // breaks ties on id.
        after
          ? {
              createdAt: { lte: after.createdAt },
              OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
            }
          : {},
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** CSV of audit rows for the panel's export (the same cell quoting as the transactions export). */
export function auditEventsToCsv(rows: AuditRow[]): string {
  const header = "created_at,action,actor_type,actor_id,actor_email,target_type,target_id,ip";
  const lines = rows.map((row) =>
    [
      row.createdAt.toISOString(),
      row.action,
      row.actorType,
      row.actorId,
      row.actorEmail,
      row.targetType,
      row.targetId,
      row.ip,
    ]
      .map(csvCell)
      .join(","),
  );
  return `${[header, ...lines].join("\r\n")}\r\n`;
}

/**
 * The panel's filters (a query string; dates are whole days in the viewer's time zone). The pages parse them field by
 * field (lib/panel/filters.ts: a bad value is named next to its field, the others still apply); the CSV export
 * refuses a bad value with a 400 naming it, as the transactions export does.
 */
export const auditPanelFiltersSchema = z.object({
  action: optionalFilter(
    z.enum(AUDIT_ACTIONS, { error: "must be one of the listed actions; pick one or choose All actions" }),
  ),
  actor: optionalFilter(z.string().trim().max(254)),
  from: optionalFilter(filterDateSchema),
  to: optionalFilter(filterDateSchema),
  cursor: optionalFilter(z.string().max(200)),
});

export type AuditPanelFilters = z.infer<typeof auditPanelFiltersSchema>;

/** Turns the panel's filters into listAuditEvents options; an unreadable cursor starts from the newest again. */
export function toAuditQuery(filters: Partial<AuditPanelFilters>, timeZone: string) {
  return {
    action: filters.action,
    actor: filters.actor || undefined,
    from: filters.from ? startOfDay(filters.from, timeZone) : undefined,
    to: filters.to ? startOfDay(addDays(filters.to, 1), timeZone) : undefined,
    cursor: filters.cursor,
  };
}
