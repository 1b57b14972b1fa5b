// `npm run bench:login`: one-time login contract redemption throughput (GET /api/authorization/{services_token}) at 64 connections
// against `next start` on SQLite, with the same two references in the same run as bench:tokens — (a) the bench/
// route /api/bench/sign: same build, no database (framework ceiling); (b) bench/login-floor-server.mjs: bare
// node:http + better-sqlite3 doing the whole redemption job (SHA-256 lookups, conditional update, entitlement,
// event); and redemption_cluster, the same Portico on the same database as `npm start` runs it with
// PORTICO_WEB_CONCURRENCY processes (target: ≥ 1.5× the single process's req/s in the same run). Each request redeems
// a distinct, pre-minted one-time token; afterwards the databases must show exactly one success per token, and a
// second round of the same tokens must answer 410 every time.
// Prints the figures and both ratios (throughput and CPU-ms per request), then one line of JSON. Not a test.
// Env: PORTICO_DIST_DIR (build folder; built when missing or older than the sources), BENCH_DURATION_MS (total per target, 30000),
// BENCH_ROUNDS (5), BENCH_CONNECTIONS (64), BENCH_WARMUP_MS (10000), BENCH_ONLY (comma-separated target names),
// BENCH_POSTGRES_URL (run Portico on a throw-away database on that PostgreSQL server instead of SQLite; the floor stays SQLite),
// BENCH_REPLAY_MAX (tokens replayed per target in the second round; all by default), BENCH_CLUSTER_PROCESSES (server
// processes of redemption_cluster; default: the number of cores).
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import {
  compareCluster,
  createBenchPartner,
  createCeilingTarget,
  createLoadTarget,
  readBenchSettings,
  reportResults,
  runRounds,
  startBenchCluster,
  startBenchServer,
  startFloorServer,
} from "../bench/harness";

const settings = readBenchSettings();
const { connections } = settings;
const replayMax = Number(process.env.BENCH_REPLAY_MAX ?? Number.POSITIVE_INFINITY);
const TIME_ZONE = "Europe/Paris";

/** Distinct one-time tokens handed out one per request; topped up between rounds, never reused during load. */
class TokenPool {
  private tokens: string[] = [];
  private cursor = 0;
  exhausted = 0;
  constructor(
    readonly name: string,
    private readonly mint: (count: number) => Promise<string[]>,
  ) {}
  get used(): string[] {
    return this.tokens.slice(0, this.cursor);
  }
  get remaining(): number {
    return this.tokens.length - this.cursor;
  }
  async ensure(count: number): Promise<void> {
    const missing = count - this.remaining;
    if (missing <= 0) return;
    const started = performance.now();
    for (let done = 0; done < missing; done += 20_000) {
      this.tokens.push(...(await this.mint(Math.min(20_000, missing - done))));
    }
    console.log(
      `  minted ${missing} one-time tokens for ${this.name} in ${Math.round(performance.now() - started)} ms`,
    );
  }
  next(): string {
    const token = this.tokens[this.cursor];
    if (token !== undefined) {
      this.cursor++;
      return token;
    }
    // Out of tokens mid-round: an unknown token (404, counted as failed) rather than a reused one.
    this.exhausted++;
    return randomBytes(32).toString("base64url");
  }
}

/** Second round: every used token once more, 64 at a time; each must be refused (410). Returns status counts. */
async function replay(baseUrl: string, tokens: string[], headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(baseUrl);
  const statuses: Record<string, number> = {};
  let next = 0;
  const list = tokens.slice(0, Math.min(tokens.length, replayMax));
  const one = (token: string) =>
    new Promise<void>((resolve) => {
      const request = http.request(
        { host: target.hostname, port: target.port, path: `/api/authorization/${token}`, agent, headers },
        (response) => {
          response.resume();
          response.on("end", () => {
            statuses[String(response.statusCode)] = (statuses[String(response.statusCode)] ?? 0) + 1;
            resolve();
          });
        },
      );
      request.on("error", () => {
        statuses.error = (statuses.error ?? 0) + 1;
        resolve();
      });
      request.end();
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let item = list[next++]; item !== undefined; item = list[next++]) await one(item);
    }),
  );
  agent.destroy();
  return { replayed: list.length, statuses };
}

async function main() {
  // The bench service's URL is not reachable: no service authorization contract checks competing for the CPU (bench:tokens has none).
  // The webhooks worker stays on: it dispatches the login.redeemed events, part of the real cost.
  const { server, dataDir, env, close } = await startBenchServer({
    name: "bench-login",
    settings,
    extra: { PORTICO_DISABLE_SCHEDULER: "1" },
  });
  let floor: Awaited<ReturnType<typeof startFloorServer>> | undefined;
  let cluster: Awaited<ReturnType<typeof startBenchCluster>>;
  try {
    // The bench partner, its published service and an entitled end user, through lib/ on the server's database.
    const { createUser } = await import("@/lib/auth/users");
    const { createService, setServicePublished } = await import("@/lib/services/services");
    const { createServiceSchema } = await import("@/lib/services/schemas");
    const { grantEntitlement } = await import("@/lib/login/entitlements");
    const { generateLoginToken, hashLoginToken } = await import("@/lib/login/tokens");
    const { createId } = await import("@/lib/crypto/random");
    const { getDb } = await import("@/lib/db/client");
    const { account, apiToken } = await createBenchPartner({ timeZone: TIME_ZONE });
    const service = await createService({
      partnerId: account.partnerId,
      input: createServiceSchema.parse({ name: "Bench app", url: "https://bench-app.example.test/" }),
    });
    await setServicePublished({ id: service.id, published: true });
    const user = await createUser({ email: "ada@bench.test", password: "bench password 1234", role: "end_user" });
    await grantEntitlement({ email: "ada@bench.test", serviceId: service.id });

    // Tokens as launchService stores them (SHA-256 only), but with a 1-hour TTL: a run outlasts the 120-s launch TTL.
    const mintPorticoTokens = async (count: number) => {
      const now = new Date();
      const expiresAt = new Date(now.getTime() + 3_600_000);
      const tokens = Array.from({ length: count }, generateLoginToken);
      await getDb().loginToken.createMany({
        data: tokens.map((token) => ({
          id: createId("lgn"),
          tokenHash: hashLoginToken(token),
          userId: user.id,
          serviceId: service.id,
          partnerId: account.partnerId,
          createdAt: now,
          expiresAt,
        })),
      });
      // Minting is set-up from a second connection (in production launches write from the server's own): fold its
      // pages back into the database file so the server does not read through a WAL this process grew.
      if (!settings.postgresUrl) await getDb().$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
      return tokens;
    };
    const portico = new TokenPool("redemption", mintPorticoTokens);
    const clusterPool = new TokenPool("redemption_cluster", mintPorticoTokens);
    cluster = await startBenchCluster({ env, settings, target: "redemption_cluster" });

    floor = await startFloorServer({
      script: "bench/login-floor-server.mjs",
      env: { FLOOR_DB: path.join(dataDir, "floor.db"), FLOOR_API_TOKEN: apiToken, FLOOR_TIME_ZONE: TIME_ZONE },
    });
    const floorUrl = floor.url;
    const floorPool = new TokenPool("floor_bare_node", async (count) => {
      const response = await fetch(`${floorUrl}/bench/mint?count=${count}`, { method: "POST" });
      if (!response.ok) throw new Error(`floor mint failed: ${response.status}`);
      return (await response.text()).split("\n");
    });

    const headers = { authorization: `Bearer ${apiToken}` };
    // Sanity: one redemption per target answers as the contract says before measuring anything.
    const servers = [
      { name: "redemption", url: server.baseUrl, pool: portico },
      ...(cluster ? [{ name: "redemption_cluster", url: cluster.baseUrl, pool: clusterPool }] : []),
      { name: "floor_bare_node", url: floorUrl, pool: floorPool },
    ];
    for (const { name, url, pool } of servers) {
      await pool.ensure(1);
      const response = await fetch(`${url}/api/authorization/${pool.next()}`, { headers });
      const body = await response.json();
      if (response.status !== 200 || body.internal_email_address === undefined || !body.session_expires_at)
        throw new Error(`${name}: unexpected answer ${response.status} ${JSON.stringify(body)}`);
      console.log(`bench: ${name} answers ${JSON.stringify(body)}`);
    }

    const serverPid = () => server.process.pid;
    // Enough distinct tokens for a round at twice the best rate seen so far (closed loop: ≤ rate × time). Before
    // its first round, redemption is assumed no faster than 2 500 req/s, the cluster 4 000, the floor 10 000 (it ran 6 800 on a quiet
    // 2-core machine; running out mid-round would count 404s and fail the single-use check).
    const topUp =
      (pool: TokenPool, firstGuessRps: number) =>
      async (round: { roundMs: number; warmupMs: number; seen: { requests_per_second: number }[] | undefined }) => {
        const best = round.seen?.length
          ? Math.max(200, ...round.seen.map((r) => r.requests_per_second))
          : firstGuessRps;
        await pool.ensure(Math.ceil((best * 2 * (round.roundMs + round.warmupMs + 1_000)) / 1000) + connections);
      };
    const targets = [
      createCeilingTarget({ url: server.baseUrl, pid: serverPid, connections }),
      createLoadTarget({
        name: "redemption",
        url: server.baseUrl,
        path: () => `/api/authorization/${portico.next()}`,
        headers,
        pid: serverPid,
        connections,
        prepare: topUp(portico, 2_500),
      }),
      ...(cluster
        ? [
            createLoadTarget({
              name: "redemption_cluster",
              url: cluster.baseUrl,
              path: () => `/api/authorization/${clusterPool.next()}`,
              headers,
              pid: () => cluster?.process.pid,
              connections,
              prepare: topUp(clusterPool, 4_000),
            }),
          ]
        : []),
      createLoadTarget({
        name: "floor_bare_node",
        url: floorUrl,
        path: () => `/api/authorization/${floorPool.next()}`,
        headers,
        pid: () => floor?.process.pid,
        connections,
        prepare: topUp(floorPool, 10_000),
      }),
    ];
    const results = await runRounds({ targets, settings });

    // Single use: every token handed out was redeemed at most once (one claim, one event per login), and a second
    // round of the same tokens is refused with 410 every time. Portico's two targets share one database, so its
    // counts cover the tokens both used.
    console.log("");
    console.log("bench: checking single use (databases, then a second round of every used token)…");
    const measured = servers.filter(({ name }) => results[name]);
    const porticoUsed = measured
      .filter(({ name }) => name !== "floor_bare_node")
      .reduce((sum, { pool }) => sum + pool.used.length, 0);
    const singleUse: Record<string, Record<string, unknown>> = {};
    for (const { name, url, pool } of measured) {
      const used = pool.used;
      const isFloor = name === "floor_bare_node";
      const usedInDatabase = isFloor ? used.length : porticoUsed;
      let stats: { redeemed: number; events: number; distinct_logins: number };
      if (!isFloor) {
        const db = getDb();
        const events = await db.event.findMany({
          where: { partnerId: account.partnerId, type: "login.redeemed" },
          select: { data: true },
        });
        stats = {
          redeemed: await db.loginToken.count({ where: { partnerId: account.partnerId, redeemedAt: { not: null } } }),
          events: events.length,
          distinct_logins: new Set(events.map((event) => (JSON.parse(event.data) as { login_id: string }).login_id))
            .size,
        };
      } else {
        stats = await (await fetch(`${floorUrl}/bench/stats`)).json();
      }
      const second = await replay(url, used, headers);
      const replayed200 = second.statuses["200"] ?? 0;
      const replayed410 = second.statuses["410"] ?? 0;
      const ok =
        stats.redeemed === stats.events &&
        stats.distinct_logins === stats.events &&
        stats.redeemed <= usedInDatabase &&
        replayed200 === 0 &&
        replayed410 === second.replayed &&
        pool.exhausted === 0;
      singleUse[name] = {
        tokens_used: used.length,
        tokens_used_on_database: usedInDatabase,
        redeemed: stats.redeemed,
        events: stats.events,
        distinct_logins: stats.distinct_logins,
        not_redeemed: usedInDatabase - stats.redeemed,
        replayed: second.replayed,
        replay_410: replayed410,
        replay_statuses: second.statuses,
        pool_exhausted: pool.exhausted,
        exactly_once: ok,
      };
      console.log(
        `${name.padEnd(20)} tokens used ${used.length} (${usedInDatabase} on its database), redeemed ${stats.redeemed}, login.redeemed events ${stats.events} (${stats.distinct_logins} distinct logins); second round: ${replayed410}/${second.replayed} answered 410 ${JSON.stringify(second.statuses)} → ${ok ? "exactly one success per token" : "SINGLE USE VIOLATED OR INCOMPLETE"}`,
      );
    }

    const singleUseOk = Object.values(singleUse).every((entry) => entry.exactly_once === true);
    const { note, ...clusterFields } = compareCluster({
      results,
      single: "redemption",
      cluster: "redemption_cluster",
      settings,
    });
    reportResults({
      subject: "redemption",
      results,
      settings,
      extra: { single_use: singleUse, single_use_ok: singleUseOk, ...clusterFields },
      extraOk: singleUseOk,
      notes: [note],
    });
  } finally {
    const { getDb } = await import("@/lib/db/client");
    await getDb().$disconnect();
    floor?.stop();
    await cluster?.stop();
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
