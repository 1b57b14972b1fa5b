// Benchmark floor (npm run bench:tokens): the whole phone token contract issuance job on a bare Node `http` server with jose and
// better-sqlite3 — API-token lookup (prepared statement), per-partner and per-phone limits in memory, E.164
// validation, HS256 with the decoded key, one INSERT of the transaction. No framework, no ORM.
// Env: PORT, FLOOR_DB (file path), FLOOR_API_TOKEN, FLOOR_CUSTOMER_ID, FLOOR_SIGNING_KEY (base64).
import { createHash, randomUUID, webcrypto } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import { SignJWT } from "jose";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { RateLimiterMemory } from "rate-limiter-flexible";

const db = new Database(process.env.FLOOR_DB);
db.pragma("journal_mode = WAL");
db.exec(`
  CREATE TABLE IF NOT EXISTS partner (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, signing_key TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS api_token (token_hash TEXT PRIMARY KEY, partner_id TEXT NOT NULL, revoked_at INTEGER);
  CREATE TABLE IF NOT EXISTS txn (id TEXT PRIMARY KEY, partner_id TEXT NOT NULL, xid TEXT NOT NULL, phone_number TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE, issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'issued',
    UNIQUE (partner_id, xid));
  CREATE INDEX IF NOT EXISTS txn_partner_issued ON txn (partner_id, issued_at, id);
`);
const sha256 = (value) => createHash("sha256").update(value).digest("hex");
db.prepare("INSERT OR REPLACE INTO partner VALUES ('ptn_floor', ?, ?)").run(
  process.env.FLOOR_CUSTOMER_ID,
  process.env.FLOOR_SIGNING_KEY,
);
db.prepare("INSERT OR REPLACE INTO api_token VALUES (?, 'ptn_floor', NULL)").run(sha256(process.env.FLOOR_API_TOKEN));

const findToken = db.prepare(
  "SELECT p.id, p.customer_id, p.signing_key FROM api_token t JOIN partner p ON p.id = t.partner_id WHERE t.token_hash = ? AND t.revoked_at IS NULL",
);
const insert = db.prepare(
  "INSERT INTO txn (id, partner_id, xid, phone_number, token_hash, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
);
const keys = new Map();
const partnerLimiter = new RateLimiterMemory({ points: 1e9, duration: 60 });
const phoneLimiter = new RateLimiterMemory({ points: 1e9, duration: 60 });

function send(response, status, body, type = "application/json") {
  response.writeHead(status, { "content-type": type });
  response.end(body);
}

http
  .createServer(async (request, response) => {
    try {
      const match = /^\/api\/v1\/token\/([^/]+)(?:\/([^/]+))?$/.exec(request.url ?? "");
      if (!match) return send(response, 404, '{"error":"not_found"}');
      const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
      const partner = bearer && findToken.get(sha256(bearer));
      if (!partner) return send(response, 401, '{"error":"unauthorized"}');
      const raw = decodeURIComponent(match[1]);
      const parsed = parsePhoneNumberFromString(raw.startsWith("+") ? raw : `+${raw}`);
      const xid = match[2] ? decodeURIComponent(match[2]) : randomUUID();
      if (!parsed?.isValid() || !/^[A-Za-z0-9._-]{1,64}$/.test(xid))
        return send(response, 400, '{"error":"invalid_request"}');
      const phone = parsed.number;
      try {
        await partnerLimiter.consume(partner.id);
        await phoneLimiter.consume(`${partner.id}:${phone}`);
      } catch {
        return send(response, 429, '{"error":"rate_limited"}');
      }
      let key = keys.get(partner.id);
      if (!key) {
        key = await webcrypto.subtle.importKey(
          "raw",
          Buffer.from(partner.signing_key, "base64"),
          { name: "HMAC", hash: "SHA-256" },
          false,
          ["sign"],
        );
        keys.set(partner.id, key);
      }
      const nowMs = Date.now();
      const iat = Math.floor(nowMs / 1000) - 10;
      const token = await new SignJWT({ iss: partner.customer_id, iat, exp: iat + 90, phn: phone, xid })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .sign(key);
      try {
        insert.run(`txn_${randomUUID()}`, partner.id, xid, phone, sha256(token), nowMs, (iat + 90) * 1000);
      } catch (error) {
        if (String(error?.code).startsWith("SQLITE_CONSTRAINT")) return send(response, 409, '{"error":"conflict"}');
        throw error;
      }
      send(response, 200, token, "text/plain");
    } catch (error) {
      console.error(error);
      send(response, 500, '{"error":"internal_error"}');
    }
  })
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log("floor: listening"));
