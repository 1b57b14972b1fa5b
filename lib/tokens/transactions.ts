// Transactions by XID: the contract's Get Status for partners, and the panel's history (search, filters, keyset
// pages on (issuedAt, id) — no OFFSET — streamed CSV, per-day issued/verified counts in the partner's zone).

import { getDb, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { countUsagePerDay } from "@/lib/usage/read";
import {
  normalisePhoneNumber,
  type TransactionFilters,
  type TransactionOutput,
  type TransactionStatus,
  XID_PATTERN,
} from "./schemas";
import { addDays, dayOf, startOfDay } from "./time-zone";

interface TransactionRow {
  id: string;
  xid: string;
  phoneNumber: string;
  status: string;
  issuedAt: Date;
  expiresAt: Date;
  verifiedAt: Date | null;
}

const rowSelect = {
  id: true,
  xid: true,
  phoneNumber: true,
  status: true,
  issuedAt: true,
  expiresAt: true,
  verifiedAt: true,
} as const;

export function statusOf(row: { status: string; expiresAt: Date }, nowMs = Date.now()): TransactionStatus {
  if (row.status === "verified") return "verified";
  return row.expiresAt.getTime() <= nowMs ? "expired" : "issued";
}

export function toTransactionOutput(row: TransactionRow, nowMs = Date.now()): TransactionOutput {
  return {
    xid: row.xid,
    phone_number: row.phoneNumber,
    status: statusOf(row, nowMs),
    issued_at: row.issuedAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    verified_at: row.verifiedAt?.toISOString() ?? null,
  };
}

/** `GET /api/v1/transactions/{xid}`: only the owning partner sees it; anyone else gets 404. */
export async function getTransaction(options: { partnerId: string; xid: string }): Promise<TransactionOutput> {
  const row = await getDb().transaction.findUnique({
    where: { partnerId_xid: { partnerId: options.partnerId, xid: options.xid } },
    select: rowSelect,
  });
  if (!row) throw new AppError("not_found", "No transaction with this XID.");
  return toTransactionOutput(row);
}

// ---- panel history ----

/** A transaction as the panel lists and shows it: the API's fields plus the row id its detail page is addressed by. */
export type TransactionListRow = TransactionOutput & { id: string };

function toListRow(row: TransactionRow, nowMs = Date.now()): TransactionListRow {
  return { id: row.id, ...toTransactionOutput(row, nowMs) };
}

/** The panel's transaction detail: only the owning partner's row; anything else is "not found". */
export async function getTransactionById(options: { partnerId: string; id: string }): Promise<TransactionListRow> {
  const row = await getDb().transaction.findFirst({
    where: { id: options.id, partnerId: options.partnerId },
    select: rowSelect,
  });
  if (!row) throw new AppError("not_found", "No such transaction.");
  return toListRow(row);
}

export const PAGE_SIZE = 50;

export function encodeCursor(row: { issuedAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.issuedAt.getTime(), row.id])).toString("base64url");
}

export function decodeCursor(cursor: string): { issuedAt: Date; id: string } | null {
  try {
    const [ms, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof ms !== "number" || !Number.isFinite(ms) || typeof id !== "string" || id.length > 64) return null;
    return { issuedAt: new Date(ms), id };
  } catch {
    return null;
  }
}

/** The filters as a WHERE on the partner's rows (every branch is served by one of the Transaction indexes). */
export function buildWhere(options: {
  partnerId: string;
  timeZone: string;
  filters: TransactionFilters;
  nowMs?: number;
}): Prisma.TransactionWhereInput | null {
  const { filters } = options;
  const now = new Date(options.nowMs ?? Date.now());
  const and: Prisma.TransactionWhereInput[] = [{ partnerId: options.partnerId }];
  if (filters.q) {
    const phone = normalisePhoneNumber(filters.q);
    const isXid = XID_PATTERN.test(filters.q);
    if (!phone && !isXid) return null;
    if (phone && isXid) and.push({ OR: [{ phoneNumber: phone }, { xid: filters.q }] });
    else if (phone) and.push({ phoneNumber: phone });
    else and.push({ xid: filters.q });
  }
  if (filters.status === "verified") and.push({ status: "verified" });
  if (filters.status === "issued") and.push({ status: "issued", expiresAt: { gt: now } });
  if (filters.status === "expired") and.push({ status: "issued", expiresAt: { lte: now } });
  if (filters.from) and.push({ issuedAt: { gte: startOfDay(filters.from, options.timeZone) } });
  if (filters.to) and.push({ issuedAt: { lt: startOfDay(addDays(filters.to, 1), options.timeZone) } });
  return { AND: and };
}

function afterCursor(cursor: { issuedAt: Date; id: string }): Prisma.TransactionWhereInput {
  // `issuedAt <= t` bounds the index range scan; the OR breaks ties on id.
  return { issuedAt: { lte: cursor.issuedAt }, OR: [{ issuedAt: { lt: cursor.issuedAt } }, { id: { lt: cursor.id } }] };
}

async function fetchPage(
  where: Prisma.TransactionWhereInput,
  cursor: { issuedAt: Date; id: string } | null,
  take: number,
) {
  return getDb().transaction.findMany({
    where: cursor ? { AND: [where, afterCursor(cursor)] } : where,
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    take,
    select: rowSelect,
  });
}

export async function listTransactions(options: {
  partnerId: string;
  timeZone: string;
  filters: TransactionFilters;
  pageSize?: number;
}): Promise<{ rows: TransactionListRow[]; nextCursor: string | null }> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const where = buildWhere(options);
  if (!where) return { rows: [], nextCursor: null };
  const cursor = options.filters.cursor ? decodeCursor(options.filters.cursor) : null;
  const rows = await fetchPage(where, cursor, pageSize + 1);
  const more = rows.length > pageSize;
  const page = more ? rows.slice(0, pageSize) : rows;
  const last = page.at(-1);
  const nowMs = Date.now();
  return {
    rows: page.map((row) => toListRow(row, nowMs)),
    nextCursor: more && last ? encodeCursor(last) : null,
  };
}

// ---- CSV export (streamed page by page; memory stays flat at any size) ----

const CSV_COLUMNS = ["xid", "phone_number", "status", "issued_at", "expires_at", "verified_at"] as const;

/** RFC 4180 quoting, and a leading `'` for cells a spreadsheet would run as a formula. */
export function csvCell(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) && !/^\+[0-9]+$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function* transactionsCsv(options: {
  partnerId: string;
  timeZone: string;
  filters: TransactionFilters;
  batchSize?: number;
}) {
  yield `${CSV_COLUMNS.join(",")}\r\n`;
  const where = buildWhere({ ...options, filters: { ...options.filters, cursor: undefined } });
  if (!where) return;
  let cursor: { issuedAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await fetchPage(where, cursor, options.batchSize ?? 1000);
    const last = rows.at(-1);
    if (!last) return;
    const nowMs = Date.now();
    yield rows
      .map((row) => {
        const out = toTransactionOutput(row, nowMs);
        return `${CSV_COLUMNS.map((column) => csvCell(out[column])).join(",")}\r\n`;
      })
      .join("");
    cursor = last;
  }
}

// ---- per-day chart ----

export interface DailyPoint {
  day: string;
  issued: number;
  verified: number;
}

/**
 * Issued and verified (of those issued that day) per calendar day in the partner's zone, from the usage rollup
 * (lib/usage): a bounded read whatever the number of transactions.
 */
export async function dailyCounts(options: {
  partnerId: string;
  timeZone: string;
  from?: string;
  to?: string;
  maxDays?: number;
}): Promise<DailyPoint[]> {
  const maxDays = options.maxDays ?? 31;
  const to = options.to ?? dayOf(new Date(), options.timeZone);
  let from = options.from ?? addDays(to, -(Math.min(maxDays, 14) - 1));
  if (from > to) return [];
  if (addDays(from, maxDays - 1) < to) from = addDays(to, -(maxDays - 1));
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  const per = (metric: "transactions.issued" | "transactions.verified") =>
    countUsagePerDay({ metric, subjectId: options.partnerId, days, timeZone: options.timeZone });
  const [issued, verified] = await Promise.all([per("transactions.issued"), per("transactions.verified")]);
  return days.map((day, index) => ({ day, issued: issued[index] ?? 0, verified: verified[index] ?? 0 }));
}
