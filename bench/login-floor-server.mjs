// Benchmark floor (npm run bench:login): the whole one-time login contract redemption job on a bare Node `http` server with
// better-sqlite3 — API-token lookup by SHA-256 (prepared statement), one-time-token lookup by SHA-256 joined to its
// user and service, owner / used / expired refusals, then in one transaction the conditional claim
// (UPDATE … WHERE redeemed_at IS NULL AND expires_at > now), the entitlement check and the login.redeemed event
// INSERT; the answer carries the end of the partner's day (memoised per zone and day, as Portico does).
// No framework, no ORM. `POST /bench/mint?count=N` mints N one-time tokens (120 s … 1 h TTL) and returns them,
// one per line, so the benchmark hands each request a distinct token.
// Env: PORT, FLOOR_DB (file path), FLOOR_API_TOKEN, FLOOR_TIME_ZONE (IANA, default UTC).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";

const timeZone = process.env.FLOOR_TIME_ZONE ?? "UTC";
const db = new Database(process.env.FLOOR_DB);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");
db.exec(`
  CREATE TABLE IF NOT EXISTS partner (id TEXT PRIMARY KEY, time_zone TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS api_token (token_hash TEXT PRIMARY KEY, partner_id TEXT NOT NULL, revoked_at INTEGER);
  CREATE TABLE IF NOT EXISTS app_user (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, partner_id TEXT);
  CREATE TABLE IF NOT EXISTS service (id TEXT PRIMARY KEY, service_id TEXT NOT NULL, name TEXT NOT NULL,
    partner_id TEXT NOT NULL, state TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS entitlement (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, service_id TEXT NOT NULL,
    expires_at INTEGER, revoked_at INTEGER, UNIQUE (user_id, service_id));
  CREATE TABLE IF NOT EXISTS login_token (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
    service_id TEXT NOT NULL, partner_id TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
    redeemed_at INTEGER);
  CREATE INDEX IF NOT EXISTS login_token_partner_redeemed ON login_token (partner_id, redeemed_at);
  CREATE TABLE IF NOT EXISTS event (id TEXT PRIMARY KEY, partner_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
    created_at INTEGER NOT NULL, dispatched_at INTEGER);
  CREATE INDEX IF NOT EXISTS event_partner_created ON event (partner_id, created_at);
`);
const sha256 = (value) => createHash("sha256").update(value).digest("hex");
db.prepare("INSERT OR REPLACE INTO partner VALUES ('ptn_floor', ?)").run(timeZone);
db.prepare("INSERT OR REPLACE INTO api_token VALUES (?, 'ptn_floor', NULL)").run(sha256(process.env.FLOOR_API_TOKEN));
db.prepare("INSERT OR REPLACE INTO app_user VALUES ('usr_floor', 'ada@floor.test', NULL)").run();
db.prepare(
  "INSERT OR REPLACE INTO service VALUES ('svc_floor', 'floor-service-id', 'Floor service', 'ptn_floor', 'published')",
).run();
db.prepare("INSERT OR REPLACE INTO entitlement VALUES ('ent_floor', 'usr_floor', 'svc_floor', NULL, NULL)").run();

const findApiToken = db.prepare(
  "SELECT p.id, p.time_zone FROM api_token t JOIN partner p ON p.id = t.partner_id WHERE t.token_hash = ? AND t.revoked_at IS NULL",
);
const findLoginToken = db.prepare(`
  SELECT l.id, l.partner_id, l.redeemed_at, l.expires_at, u.id AS user_id, u.email, u.partner_id AS user_partner_id,
         s.id AS service_pk, s.service_id, s.name AS service_name, s.partner_id AS service_partner_id, s.state
  FROM login_token l JOIN app_user u ON u.id = l.user_id JOIN service s ON s.id = l.service_id
  WHERE l.token_hash = ?`);
const claim = db.prepare(
  "UPDATE login_token SET redeemed_at = ? WHERE id = ? AND redeemed_at IS NULL AND expires_at > ?",
);
const findEntitlement = db.prepare(
  "SELECT id FROM entitlement WHERE user_id = ? AND service_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)",
);
const insertEvent = db.prepare(
  "INSERT INTO event (id, partner_id, type, data, created_at) VALUES (?, ?, 'login.redeemed', ?, ?)",
);
const insertLoginToken = db.prepare(
  "INSERT INTO login_token (id, token_hash, user_id, service_id, partner_id, created_at, expires_at) VALUES (?, ?, 'usr_floor', 'svc_floor', 'ptn_floor', ?, ?)",
);

class Refusal extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// In one transaction: claim (the authority for races), entitlement, event. A throw rolls the claim back.
const redeem = db.transaction((row, nowMs) => {
  if (claim.run(nowMs, row.id, nowMs).changes !== 1)
    throw new Refusal(410, "This one-time login token has already been used.");
  const member = row.user_partner_id && row.user_partner_id === row.service_partner_id;
  if (!member && (row.state !== "published" || !findEntitlement.get(row.user_id, row.service_pk, nowMs)))
    throw new Refusal(403, "The user no longer has access to this service.");
  insertEvent.run(
    `evt_${randomUUID()}`,
    row.partner_id,
    JSON.stringify({
      login_id: row.id,
      service_id: row.service_id,
      service_name: row.service_name,
      internal_email_address: row.email,
      redeemed_at: new Date(nowMs).toISOString(),
    }),
    nowMs,
  );
});

// End of the local day: next local midnight (offset read with Intl), memoised until it passes.
const endOfDayMemo = new Map();
function endOfDayIso(nowMs, zone) {
  const memo = endOfDayMemo.get(zone);
  if (memo && nowMs < memo.end) return memo.iso;
  const parts = (ms) => {
    const f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    const p = Object.fromEntries(f.formatToParts(ms).map(({ type, value }) => [type, Number(value)]));
    return p;
  };
  const wall = parts(nowMs);
  const offsetAt = (ms) => {
    const w = parts(ms);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
  };
  const localMidnightUtc = Date.UTC(wall.year, wall.month - 1, wall.day + 1);
  let end = localMidnightUtc - offsetAt(nowMs);
  end = localMidnightUtc - offsetAt(end); // one correction step when the offset changes before midnight
  const offsetMinutes = Math.round(offsetAt(end) / 60_000);
  const local = new Date(end + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  const iso = `${local}${offsetMinutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  endOfDayMemo.set(zone, { end, iso });
  return iso;
}

const NO_STORE = { "content-type": "application/json", "cache-control": "no-store" };
function fail(response, status, message) {
  response.writeHead(status, NO_STORE);
  response.end(JSON.stringify({ success: false, message }));
}

http
  .createServer((request, response) => {
    try {
      const url = request.url ?? "";
      if (request.method === "POST" && url.startsWith("/bench/mint")) {
        const count = Math.min(Number(new URL(url, "http://floor").searchParams.get("count") ?? 0), 1_000_000);
        const nowMs = Date.now();
        const tokens = [];
        db.transaction(() => {
          for (let i = 0; i < count; i++) {
            const token = randomBytes(32).toString("base64url");
            insertLoginToken.run(`lgn_${randomUUID()}`, sha256(token), nowMs, nowMs + 3_600_000);
            tokens.push(token);
          }
        })();
        response.writeHead(200, { "content-type": "text/plain" });
        return response.end(tokens.join("\n"));
      }
      if (request.method === "GET" && url === "/bench/stats") {
        const stats = db
          .prepare(
            "SELECT (SELECT COUNT(*) FROM login_token WHERE redeemed_at IS NOT NULL) AS redeemed, (SELECT COUNT(*) FROM event WHERE type = 'login.redeemed') AS events, (SELECT COUNT(DISTINCT json_extract(data, '$.login_id')) FROM event WHERE type = 'login.redeemed') AS distinct_logins",
          )
          .get();
        response.writeHead(200, { "content-type": "application/json" });
        return response.end(JSON.stringify(stats));
      }
      const match = /^\/api\/authorization\/([^/?]+)$/.exec(url);
      if (!match || request.method !== "GET") return fail(response, 404, "Not found.");
      const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
      if (!bearer) return fail(response, 401, "Send your API token as Authorization: Bearer <token>.");
      const partner = findApiToken.get(sha256(bearer));
      if (!partner) return fail(response, 401, "Invalid API token.");
      const token = match[1];
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return fail(response, 404, "Unknown one-time login token.");
      const row = findLoginToken.get(sha256(token));
      if (!row || row.partner_id !== partner.id) return fail(response, 404, "Unknown one-time login token.");
      const nowMs = Date.now();
      if (row.redeemed_at) return fail(response, 410, "This one-time login token has already been used.");
      if (row.expires_at <= nowMs) return fail(response, 410, "This one-time login token has expired.");
      try {
        redeem(row, nowMs);
      } catch (error) {
        if (error instanceof Refusal) return fail(response, error.status, error.message);
        throw error;
      }
      response.writeHead(200, NO_STORE);
      response.end(
        JSON.stringify({
          internal_email_address: row.email,
          session_expires_at: endOfDayIso(nowMs, partner.time_zone),
        }),
      );
    } catch (error) {
      console.error(error);
      fail(response, 500, "Something went wrong on our side.");
    }
  })
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log("login floor: listening"));
