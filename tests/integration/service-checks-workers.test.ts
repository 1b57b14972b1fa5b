// Several `npm run worker` processes on one PostgreSQL database: leases give each due check to exactly one of them,
// and the checks a killed worker held are redone by the other once its leases lapse.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/encryption";
import { createId, randomSecret } from "@/lib/crypto/random";
import { type PartnerServer, startPartnerServer } from "../support/partner-server";
import { createDatabase, dropDatabase } from "../support/postgres";
import { getTestDatabase, getTestPostgresUrl } from "../support/test-env";
import {
  readStoppedStats,
  startWorkerProcess,
  stopWorkerProcess,
  type WorkerProcess,
  waitFor,
} from "../support/worker-process";

const SERVICES = 200;
const LEASE_SECONDS = 3;

describe.skipIf(getTestDatabase() !== "postgresql")("check workers on PostgreSQL", () => {
  const url = new URL(getTestPostgresUrl());
  url.pathname = `/portico_workers_${randomBytes(6).toString("hex")}`;
  const databaseUrl = url.toString();
  const workers: WorkerProcess[] = [];
  /** The two workers started before the first test. */
  let initial: [WorkerProcess, WorkerProcess];
  let client: pg.Client;
  let partnerServer: PartnerServer;
  let partnerId: string;

  async function startWorker(): Promise<WorkerProcess> {
    const worker = await startWorkerProcess({
      only: "checks",
      env: {
        DATABASE_URL: databaseUrl,
        PORTICO_CHECK_LEASE_SECONDS: String(LEASE_SECONDS),
        PORTICO_CHECK_CONCURRENCY: "10",
        PORTICO_SCHEDULER_IDLE_MS: "100",
      },
      timeoutMs: 30_000,
    });
    workers.push(worker);
    return worker;
  }

  const stopWorker = stopWorkerProcess;

  /** Inserts `SERVICES` due services, one per partner-server port (so the server can tell them apart by Host). */
  async function insertServices(options: { version: string; delayMs: number }): Promise<Map<string, string>> {
    const hostById = new Map<string, string>();
    const rows: unknown[][] = [];
    for (const origin of partnerServer.origins) {
      const serviceId = randomUUID();
      const secret = randomSecret(16);
      const host = new URL(origin).host;
      partnerServer.identities.set(host, { serviceId, secret, version: options.version, delayMs: options.delayMs });
      const id = createId("svc");
      hostById.set(id, host);
      rows.push([id, partnerId, serviceId, "Load", `${origin}/`, 3600, encryptSecret(secret)]);
    }
    const values = rows.map(
      (_, i) =>
        `($${i * 7 + 1}, $${i * 7 + 2}, $${i * 7 + 3}, $${i * 7 + 4}, $${i * 7 + 5}, $${i * 7 + 6}, $${i * 7 + 7}, (now() at time zone 'utc'), (now() at time zone 'utc') - interval '1 hour', (now() at time zone 'utc'))`,
    );
    await client.query(
      `INSERT INTO "Service" ("id", "partnerId", "serviceId", "name", "url", "checkIntervalSeconds", "secretCiphertext", "nextCheckAt", "createdAt", "updatedAt") VALUES ${values.join(", ")}`,
      rows.flat(),
    );
    return hostById;
  }

  async function checksPerService(ids: string[]): Promise<Map<string, number>> {
    const result = await client.query<{ serviceId: string; count: string }>(
      `SELECT "serviceId", count(*) AS count FROM "ServiceCheck" WHERE "serviceId" = ANY($1) GROUP BY "serviceId"`,
      [ids],
    );
    return new Map(result.rows.map((row) => [row.serviceId, Number(row.count)]));
  }

  async function countLeased(): Promise<number> {
    const result = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Service" WHERE "leaseOwner" IS NOT NULL`,
    );
    return result.rows[0]?.n ?? 0;
  }

  beforeAll(async () => {
    await createDatabase(databaseUrl);
    partnerServer = await startPartnerServer({ ports: SERVICES });
    // Both workers migrate the fresh database at start-up (under the advisory lock) before anything is due.
    initial = await Promise.all([startWorker(), startWorker()]);
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    partnerId = createId("ptn");
    await client.query(
      `INSERT INTO "Partner" ("id", "name", "status", "customerId", "updatedAt") VALUES ($1, 'Load', 'approved', $2, now())`,
      [partnerId, randomUUID()],
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => stopWorker(worker, "SIGKILL")));
    await client?.end();
    await partnerServer?.close();
    await dropDatabase(databaseUrl);
  });

  it("two workers check each of 200 due services exactly once per interval, and stop gracefully", async () => {
    const [a, b] = initial;
    const hostById = await insertServices({ version: "w1", delayMs: 50 });
    const ids = [...hostById.keys()];
    for (const round of [1, 2]) {
      // Every check of the round recorded and no lease held: the round's claims are all done. Nothing is due for an
      // hour, so no worker can claim another check until the test makes them due.
      await waitFor(
        async () => {
          const counts = await checksPerService(ids);
          const checked = [...counts.values()].reduce((sum, n) => sum + n, 0);
          return checked >= SERVICES * round && (await countLeased()) === 0;
        },
        30_000,
        `round ${round}`,
      );
      // The last round's workers stop gracefully: each finishes what it started, so their counters are final.
      if (round === 2) await Promise.all([stopWorker(a), stopWorker(b)]);
      const counts = await checksPerService(ids);
      expect(counts.size).toBe(SERVICES);
      expect([...counts.values()].every((n) => n === round)).toBe(true);
      expect([...hostById.values()].every((host) => partnerServer.requestsByHost.get(host) === round)).toBe(true);
      const due = await client.query(
        `SELECT count(*)::int AS n FROM "Service" WHERE "nextCheckAt" > (now() at time zone 'utc') + interval '3500 seconds'`,
      );
      expect(due.rows[0].n).toBe(SERVICES);
      // Next interval: nothing is due for an hour, so the next round is made due by hand.
      if (round === 1) await client.query(`UPDATE "Service" SET "nextCheckAt" = (now() at time zone 'utc')`);
    }
    const stats = [a, b].map((worker) => readStoppedStats(worker, ["started", "recorded"]));
    // Started, not only recorded: a check begun twice (even one whose second result was refused) would count here.
    expect(stats.reduce((sum, s) => sum + s.started, 0)).toBe(SERVICES * 2);
    expect(stats.reduce((sum, s) => sum + s.recorded, 0)).toBe(SERVICES * 2);
    expect(stats.every((s) => s.recorded > 0)).toBe(true); // the work was shared
  }, 90_000);

  it("a worker killed mid-run loses its leases; the other worker redoes those checks after they lapse", async () => {
    await client.query(`DELETE FROM "Service"`);
    partnerServer.requestsByHost.clear();
    const a = await startWorker();
    const b = await startWorker();
    // Slow answers keep checks in flight long enough to kill a worker while it holds leases.
    const hostById = await insertServices({ version: "w2", delayMs: 400 });
    const ids = [...hostById.keys()];
    const pattern = `%:${a.child.pid}:%`;
    const held = await waitFor(
      async () => {
        const result = await client.query<{ id: string }>(`SELECT "id" FROM "Service" WHERE "leaseOwner" LIKE $1`, [
          pattern,
        ]);
        // Mid-run means leases held AND a request already sent (on a loaded machine claims can precede requests).
        const asking = result.rows.some(
          (row) => (partnerServer.requestsByHost.get(hostById.get(row.id) ?? "") ?? 0) > 0,
        );
        return result.rows.length >= 5 && asking && result.rows.map((row) => row.id);
      },
      20_000,
      "worker A to hold leases",
    );
    await stopWorker(a, "SIGKILL");
    // EXTRACT(EPOCH) reads the zone-less UTC timestamps as UTC, whatever this process's time zone is.
    const stillHeld = await client.query<{ id: string; until: string }>(
      `SELECT "id", EXTRACT(EPOCH FROM "leaseExpiresAt") AS until FROM "Service" WHERE "leaseOwner" LIKE $1`,
      [pattern],
    );
    expect(stillHeld.rows.length).toBeGreaterThan(0);

    await waitFor(async () => (await checksPerService(ids)).size === SERVICES, 40_000, "every service checked");
    // B is the only worker left; stopped gracefully it has recorded every check it started.
    await stopWorker(b);
    const counts = await checksPerService(ids);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Each orphaned check was redone (by B, the only worker left) and only after A's lease on it ran out.
    const redone = await client.query<{ serviceId: string; at: string }>(
      `SELECT "serviceId", EXTRACT(EPOCH FROM "checkedAt") AS at FROM "ServiceCheck" WHERE "serviceId" = ANY($1)`,
      [stillHeld.rows.map((row) => row.id)],
    );
    expect(redone.rows).toHaveLength(stillHeld.rows.length);
    const until = new Map(stillHeld.rows.map((row) => [row.id, Number(row.until)]));
    for (const row of redone.rows)
      expect(Number(row.at)).toBeGreaterThanOrEqual((until.get(row.serviceId) ?? 0) - 0.01);
    const asked = stillHeld.rows.map((row) => partnerServer.requestsByHost.get(hostById.get(row.id) ?? "") ?? 0);
    expect(asked.every((n) => n >= 1)).toBe(true);
    expect(asked.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(stillHeld.rows.length); // A had asked too
    expect(held.length).toBeGreaterThan(0);
    expect(await countLeased()).toBe(0);
  }, 90_000);
});
