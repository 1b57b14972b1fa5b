// PostgreSQL connections cut under load (pg_terminate_backend on Portico's sessions): Portico reconnects by itself,
// requests caught by a cut fail with a clean 503 JSON (never a 500, never hanging past a bound), and nothing accepted
// is lost. SQLite has no connections to cut: the test says so and does not run there.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createPartner } from "../support/factories";
import { isContractError, startLoops, type TimedResponse, timedFetch } from "../support/fault-load";
import { type RunningServer, startPortico } from "../support/server";
import { printReport } from "../support/suite-report";
import { createTestEnv, getTestDatabase } from "../support/test-env";
import { sleep, waitFor } from "../support/worker-process";

const CUTS = 4;
const REQUEST_BOUND_MS = 10_000;
const APPLICATION_NAME = "portico-fault-target";
const onPostgres = getTestDatabase() === "postgresql";

function serverEnv() {
  const env = createTestEnv();
  const url = new URL(env.DATABASE_URL);
  url.searchParams.set("application_name", APPLICATION_NAME); // so the cuts hit Portico's sessions, not the test's
  return { ...env, DATABASE_URL: url.toString() };
}

let server: RunningServer;
let admin: pg.Client;

beforeAll(async () => {
  if (!onPostgres) return;
  server = await startPortico({ env: serverEnv() });
  admin = new pg.Client({ connectionString: createTestEnv().DATABASE_URL });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

describe("faults: PostgreSQL connections cut under load", () => {
  it.skipIf(!onPostgres)("answers 503 JSON during a cut, reconnects by itself and loses nothing", async () => {
    const partner = await createPartner();
    const auth = { authorization: `Bearer ${partner.apiToken}` };
    const url = (path: string) => `${server.baseUrl}${path}`;
    const answers: TimedResponse[] = [];
    const bad: string[] = [];
    const accepted = { xids: [] as string[], services: [] as string[] };
    const judge = (response: TimedResponse & { error?: string }, what: string) => {
      answers.push(response);
      const clean503 = response.status === 503 && isContractError(response);
      if (response.status === 0) bad.push(`${what}: no answer within ${REQUEST_BOUND_MS} ms (${response.error})`);
      else if (response.status >= 500 && !clean503)
        bad.push(`${what}: ${response.status} ${response.body.slice(0, 200)}`);
    };
    const issue = async () => {
      const phone = `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
      const response = await timedFetch(url(`/api/v1/token/${encodeURIComponent(phone)}`), {
        headers: auth,
        boundMs: REQUEST_BOUND_MS,
      });
      judge(response, "issuance");
      if (response.status === 200) {
        accepted.xids.push(JSON.parse(Buffer.from(response.body.split(".")[1] ?? "", "base64url").toString()).xid);
      }
    };
    const createService = async () => {
      const response = await timedFetch(url("/api/v1/services"), {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ name: "Cut", url: "http://127.0.0.1:9/app" }),
        boundMs: REQUEST_BOUND_MS,
      });
      judge(response, "create service");
      if (response.status === 201) accepted.services.push(JSON.parse(response.body).id);
    };
    const list = async () =>
      judge(await timedFetch(url("/api/v1/services"), { headers: auth, boundMs: REQUEST_BOUND_MS }), "list");

    const loops = startLoops([issue, issue, createService, list]);
    let terminated = 0;
    await waitFor(() => answers.length >= 30, 60_000, "load before the first cut");
    for (let cut = 0; cut < CUTS; cut++) {
      const result = await admin.query(
        "SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1) AS cut",
        [APPLICATION_NAME],
      );
      terminated += result.rows[0].n;
      const before = answers.length;
      await waitFor(() => answers.length - before >= 15, 60_000, "load after a cut");
      await sleep(200);
    }
    await loops.stop();

    // Reconnected by itself: a plain read works again without restarting anything.
    const recovered = await waitFor(
      async () =>
        (await timedFetch(url("/api/v1/services"), { headers: auth, boundMs: REQUEST_BOUND_MS })).status === 200,
      15_000,
      "a successful request after the cuts",
    ).catch(() => false);
    const db = getDb();
    const storedXids = await db.transaction.count({ where: { xid: { in: accepted.xids } } });
    const storedServices = await db.service.count({ where: { id: { in: accepted.services } } });
    const unavailable = answers.filter((answer) => answer.status === 503).length;
    const slowest = Math.max(...answers.map((answer) => answer.ms));

    printReport("faults: PostgreSQL connections cut", [
      { what: "pg_terminate_backend", injected: CUTS, accepted: "", lost: 0, note: `${terminated} sessions ended` },
      {
        what: "JWT issuance",
        injected: "",
        accepted: accepted.xids.length,
        lost: accepted.xids.length - storedXids,
        note: "",
      },
      {
        what: "service creation",
        injected: "",
        accepted: accepted.services.length,
        lost: accepted.services.length - storedServices,
        note: "",
      },
      {
        what: "unclean or hung answers",
        injected: "",
        accepted: answers.length,
        lost: bad.length,
        note: `${unavailable} clean 503s, slowest ${slowest} ms`,
      },
      { what: "reconnected by itself", injected: "", accepted: "", lost: recovered ? 0 : 1, note: "" },
    ]);

    if (bad.length > 0) console.log(`Portico's log, last part:\n${server.output().slice(-5000)}`);
    expect(terminated).toBeGreaterThan(0);
    expect(bad).toEqual([]);
    expect(recovered).toBe(true);
    expect(server.process.exitCode).toBeNull();
    expect(storedXids).toBe(accepted.xids.length);
    expect(storedServices).toBe(accepted.services.length);
  });
});
