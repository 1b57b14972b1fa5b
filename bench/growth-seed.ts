// bench:growth's data: one partner with `rows` rows in each table that grows with traffic, spread over the time each
// table keeps (transactions 90 days, audit 365, the rest 30), and `checks` /authorize checks (one service checked
// every minute for 30 days, the rest on filler services). The partner, its user, service and endpoint come from lib/
// (the app's own code); the bulk rows are written with direct SQL — prepared statements in transactions on SQLite, a
// JSON row set per statement on PostgreSQL — in the formats the app writes (lib/db/time), thousands of times faster
// than the API. Run in a child process of its own (`scripts/bench-growth.ts --seed`), so the server measured later
// starts on a quiet database.
import Database from "better-sqlite3";
import pg from "pg";
import { fromDbTime, toPostgresTime, toSqliteTime } from "@/lib/db/time";

const DAY_MS = 86_400_000;
const CHUNK = 20_000;
/** A service checked once a minute keeps this many checks over 30 days. */
export const CHECKS_PER_SERVICE = 30 * 1440;

type Value = string | number | boolean | null | Date;

interface Column {
  name: string;
  /** PostgreSQL type in the JSON row set (SQLite takes every value as bound). */
  type: "text" | "int" | "bool" | "timestamp(3)";
}

const text = (name: string): Column => ({ name, type: "text" });
const int = (name: string): Column => ({ name, type: "int" });
const bool = (name: string): Column => ({ name, type: "bool" });
const time = (name: string): Column => ({ name, type: "timestamp(3)" });

export interface BulkWriter {
  insert: (table: string, columns: Column[], rows: Iterable<Value[]>) => Promise<number>;
  close: () => Promise<void>;
}

/** Rows in chunks, each chunk one transaction (SQLite) or one statement (PostgreSQL). */
export function openBulkWriter(databaseUrl: string): BulkWriter {
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice("file:".length));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF"); // set-up only: a crash means seeding again
    return {
      async insert(table, columns, rows) {
        const statement = db.prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        );
        const toSqlite = (value: Value) =>
          value instanceof Date ? toSqliteTime(value) : typeof value === "boolean" ? Number(value) : value;
        const write = db.transaction((chunk: Value[][]) => {
          for (const row of chunk) statement.run(row.map(toSqlite));
        });
        let count = 0;
        for (const chunk of chunked(rows)) {
          write(chunk);
          count += chunk.length;
        }
        return count;
      },
      async close() {
        db.pragma("wal_checkpoint(TRUNCATE)");
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  const connected = client.connect();
  return {
    async insert(table, columns, rows) {
      await connected;
      const names = columns.map((c) => `"${c.name}"`).join(", ");
      const shape = columns.map((c) => `"${c.name}" ${c.type}`).join(", ");
      const sql = `INSERT INTO "${table}" (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS r(${shape})`;
      let count = 0;
      for (const chunk of chunked(rows)) {
        const records = chunk.map((row) =>
          Object.fromEntries(
            columns.map((column, index) => {
              const value = row[index] ?? null;
              return [column.name, value instanceof Date ? toPostgresTime(value) : value];
            }),
          ),
        );
        await client.query(sql, [JSON.stringify(records)]);
        count += chunk.length;
      }
      return count;
    },
    async close() {
      await connected;
      await client.query("VACUUM ANALYZE");
      await client.end();
    },
  };
}

function* chunked<T>(rows: Iterable<T>): Generator<T[]> {
  let chunk: T[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/** The time of the i-th of `count` rows spread evenly over the `days` before `now`, oldest first. */
export const seededTime = (options: { i: number; count: number; days: number; now: number }) =>
  new Date(
    options.now -
      options.days * DAY_MS +
      Math.floor(options.i * ((options.days * DAY_MS) / Math.max(1, options.count))) +
      1000,
  );

function* spread(count: number, days: number, now: number): Generator<[number, Date]> {
  for (let i = 0; i < count; i++) yield [i, seededTime({ i, count, days, now })];
}

/** The id of the i-th seeded row of a table (sequential, so the bench can build cursors into the middle). */
export const seededId = (prefix: string, i: number) => `${prefix}_g${i.toString(36).padStart(9, "0")}`;
const id = seededId;

/** The phone number of the i-th transaction: 1 000 numbers, so a search finds rows at any size. */
export const phoneOf = (i: number) => `+336123${String(i % 1000).padStart(5, "0")}`;

export interface GrowthSubjects {
  partnerId: string;
  userId: string;
  endUserId: string;
  serviceId: string;
  endpointId: string;
  fillerServiceIds: (count: number) => Promise<string[]>;
}

/** Writes the bulk rows; returns how many went into each table. */
export async function seedGrowthRows(options: {
  writer: BulkWriter;
  subjects: GrowthSubjects;
  rows: number;
  checks: number;
  now: number;
}): Promise<Record<string, number>> {
  const { writer, subjects, rows, now } = options;
  const counts: Record<string, number> = {};
  counts.Transaction = await writer.insert(
    "Transaction",
    [
      text("id"),
      text("partnerId"),
      text("xid"),
      text("phoneNumber"),
      text("tokenHash"),
      time("issuedAt"),
      time("expiresAt"),
      text("status"),
      time("verifiedAt"),
    ],
    mapRows(spread(rows, 90, now), ([i, at]) => {
      const verified = i % 3 === 0;
      return [
        id("txn", i),
        subjects.partnerId,
        `xid-${i}`,
        phoneOf(i),
        `hash-${i}`,
        at,
        new Date(at.getTime() + 90_000),
        verified ? "verified" : "issued",
        verified ? new Date(at.getTime() + 10_000) : null,
      ];
    }),
  );
  counts.LoginToken = await writer.insert(
    "LoginToken",
    [
      text("id"),
      text("tokenHash"),
      text("userId"),
      text("serviceId"),
      text("partnerId"),
      time("createdAt"),
      time("expiresAt"),
      time("redeemedAt"),
    ],
    mapRows(spread(rows, 30, now), ([i, at]) => [
      id("lgn", i),
      `login-hash-${i}`,
      subjects.endUserId,
      subjects.serviceId,
      subjects.partnerId,
      at,
      new Date(at.getTime() + 120_000),
      i % 10 < 7 ? new Date(at.getTime() + 5_000) : null,
    ]),
  );
  counts.Event = await writer.insert(
    "Event",
    [text("id"), text("partnerId"), text("type"), text("data"), time("createdAt"), time("dispatchedAt")],
    mapRows(spread(rows, 30, now), ([i, at]) => [
      id("evt", i),
      subjects.partnerId,
      "transaction.verified",
      JSON.stringify({ xid: `xid-${i}`, phone_number: phoneOf(i), verified_at: at.toISOString() }),
      at,
      at,
    ]),
  );
  counts.WebhookDelivery = await writer.insert(
    "WebhookDelivery",
    [
      text("id"),
      text("endpointId"),
      text("eventId"),
      text("eventType"),
      text("status"),
      int("attempts"),
      time("nextAttemptAt"),
      time("lastAttemptAt"),
      int("lastStatusCode"),
      int("lastLatencyMs"),
      time("createdAt"),
      time("updatedAt"),
    ],
    mapRows(spread(rows, 30, now), ([i, at]) => {
      // 95 % succeeded, 4 % failed for good; of the last day's, 1 % still pending (a retry due later): a delivery is
      // retried for about a day, so the queue holds only recent ones.
      const recent = at.getTime() > now - DAY_MS;
      const status = i % 100 < 95 ? "succeeded" : i % 100 < 99 || !recent ? "failed" : "pending";
      return [
        id("dlv", i),
        subjects.endpointId,
        id("evt", i),
        "transaction.verified",
        status,
        status === "failed" ? 7 : 1,
        status === "pending" ? new Date(now + 3_600_000) : null,
        at,
        status === "succeeded" ? 200 : 503,
        40,
        at,
        at,
      ];
    }),
  );
  counts.CallbackLog = await writer.insert(
    "CallbackLog",
    [
      text("id"),
      text("serviceId"),
      time("createdAt"),
      text("userIdentifier"),
      text("mode"),
      text("outcome"),
      int("callbackStatus"),
      int("latencyMs"),
      bool("test"),
    ],
    mapRows(spread(rows, 30, now), ([i, at]) => {
      const outcome = i % 50 < 45 ? "certified" : i % 50 < 49 ? "rejected" : "unreachable";
      return [id("cbl", i), subjects.serviceId, at, `user-${i % 5000}`, "production", outcome, 200, 30, false];
    }),
  );
  counts.AuditEvent = await writer.insert(
    "AuditEvent",
    [
      text("id"),
      text("partnerId"),
      text("action"),
      text("actorType"),
      text("actorId"),
      text("actorEmail"),
      text("targetType"),
      text("targetId"),
      text("ip"),
      time("createdAt"),
    ],
    mapRows(spread(rows, 365, now), ([i, at]) => [
      id("aud", i),
      subjects.partnerId,
      i % 2 ? "api_token.created" : "service.updated",
      "user",
      subjects.userId,
      "bench@portico.test",
      i % 2 ? "api_token" : "service",
      subjects.serviceId,
      "127.0.0.1",
      at,
    ]),
  );
  Object.assign(counts, await seedChecks({ ...options, checks: options.checks }));
  return counts;
}

/** Checks: the measured service once a minute (or all of them when fewer), the rest on filler services. */
async function seedChecks(options: {
  writer: BulkWriter;
  subjects: GrowthSubjects;
  checks: number;
  now: number;
}): Promise<Record<string, number>> {
  const { writer, subjects, now } = options;
  const mine = Math.min(options.checks, CHECKS_PER_SERVICE);
  const fillers = Math.ceil((options.checks - mine) / CHECKS_PER_SERVICE);
  const services = [subjects.serviceId, ...(await subjects.fillerServiceIds(fillers))];
  const daily = new Map<string, { serviceId: string; day: string; total: number; live: number; down: number }>();
  let written = 0;
  for (const [index, serviceId] of services.entries()) {
    const count =
      index === 0 ? mine : Math.min(CHECKS_PER_SERVICE, options.checks - mine - (index - 1) * CHECKS_PER_SERVICE);
    written += await writer.insert(
      "ServiceCheck",
      [
        text("id"),
        text("serviceId"),
        time("checkedAt"),
        text("outcome"),
        int("httpStatus"),
        int("latencyMs"),
        text("version"),
      ],
      mapRows(spread(count, 30, now), ([i, at]) => {
        const live = i % 200 !== 0; // one check in 200 finds the service down
        const day = at.toISOString().slice(0, 10);
        const key = `${serviceId}|${day}`;
        const aggregate = daily.get(key) ?? { serviceId, day, total: 0, live: 0, down: 0 };
        aggregate.total++;
        if (live) aggregate.live++;
        else aggregate.down++;
        daily.set(key, aggregate);
        return [
          id(`chk${index}`, i),
          serviceId,
          at,
          live ? "live" : "down",
          live ? 200 : 503,
          live ? 25 : null,
          live ? "1.4.2" : null,
        ];
      }),
    );
  }
  const days = await writer.insert(
    "ServiceCheckDaily",
    [text("serviceId"), text("day"), int("total"), int("live"), int("unauthentic"), int("down"), int("latencyMsTotal")],
    mapRows(daily.values(), (row) => [row.serviceId, row.day, row.total, row.live, 0, row.down, row.live * 25]),
  );
  return { ServiceCheck: written, ServiceCheckDaily: days, filler_services: fillers };
}

function* mapRows<T>(source: Iterable<T>, map: (item: T) => Value[]): Generator<Value[]> {
  for (const item of source) yield map(item);
}

/** Where each usage rollup has got to (JobCursor `usage:*`), read directly: the bench's probe of the server's work. */
export async function readUsageCursors(databaseUrl: string): Promise<Date[]> {
  const sql = `SELECT "createdAt" AS "at" FROM "JobCursor" WHERE "name" LIKE 'usage:%'`;
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice("file:".length), { readonly: true });
    try {
      return (db.prepare(sql).all() as { at: string }[]).map((row) => fromDbTime(row.at));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // timestamp(3) is UTC without a zone: read it as text and mark it UTC.
    const { rows } = await client.query<{ at: string }>(sql.replace('"createdAt" AS', '"createdAt"::text AS'));
    return rows.map((row) => new Date(`${row.at.replace(" ", "T")}Z`));
  } finally {
    await client.end();
  }
}
