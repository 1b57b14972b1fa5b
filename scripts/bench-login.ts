// `npm run bench:login`: seed-004 redemption throughput (GET /api/authorization/{services_token}) at 64 connections
// against `next start` on SQLite, with the same two references in the same run as bench:tokens — (a) the bench/
// route /api/bench/sign: same build, no database (framework ceiling); (b) bench/login-floor-server.mjs: bare
// node:http + better-sqlite3 doing the whole redemption job (SHA-256 lookups, conditional update, entitlement,
// event). Each request redeems a distinct, pre-minted one-time token; afterwards the databases must show exactly one
// success per token, and a second round of the same tokens must answer 410 every time.
// Prints the figures and both ratios (throughput and CPU-ms per request), then one line of JSON. Not a test.
// Env: PORTICO_DIST_DIR (build folder; built when missing), BENCH_DURATION_MS (total per target, 15000),
// BENCH_ROUNDS (3), BENCH_CONNECTIONS (64), BENCH_WARMUP_MS (3000), BENCH_ONLY (comma-separated target names),
// BENCH_REPLAY_MAX (tokens replayed per target in the second round; all by default).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import http from "node:http";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
// @ts-expect-error plain ESM helper without types
import { processTreeCpuMs, runLoad } from "../bench/load.mjs";
import { getFreePort, startPortico } from "../tests/support/server";

type LoadResult = {
  requests_per_second: number;
  p50_ms: number;
  p99_ms: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  cpu_ms_per_request: number | null;
};

const distDir = process.env.PORTICO_DIST_DIR ?? ".next";
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 15_000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 3_000);
const only = process.env.BENCH_ONLY?.split(",");
const rounds_ = Number(process.env.BENCH_ROUNDS ?? 3);
const replayMax = Number(process.env.BENCH_REPLAY_MAX ?? Number.POSITIVE_INFINITY);
const TIME_ZONE = "Europe/Paris";

function run(command: string, args: string[], env: Record<string, string | undefined>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

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
    if (this.cursor < this.tokens.length) return this.tokens[this.cursor++];
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
      while (next < list.length) await one(list[next++]);
    }),
  );
  agent.destroy();
  return { replayed: list.length, statuses };
}

async function main() {
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    console.log(`bench: no build in ${distDir}, building…`);
    await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      PORTICO_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
    });
  }
  const dataDir = path.join(tmpdir(), `portico-bench-login-${Date.now().toString(36)}`);
  mkdirSync(dataDir, { recursive: true });
  const env: Record<string, string> = {
    PORTICO_DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "portico.db")}`,
    PORTICO_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTICO_SERVICE_ID: "portico-bench",
    PORTICO_SERVICE_SECRET: "portico-bench-secret",
    PORTICO_BENCH_ROUTES: "1",
    // The bench service's URL is not reachable: no seed-000 checks competing for the CPU (bench:tokens has none).
    // The webhooks worker stays on: it dispatches the login.redeemed events, part of the real cost.
    PORTICO_DISABLE_SCHEDULER: "1",
    PORTICO_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  Object.assign(process.env, env);
  const server = await startPortico({ env });
  let floor: ReturnType<typeof spawn> | undefined;
  try {
    // The bench partner, its published service and an entitled end user, through lib/ on the server's database.
    const { createPartnerAccount } = await import("@/lib/partners/partners");
    const { createApiToken } = await import("@/lib/auth/api-tokens");
    const { createUser } = await import("@/lib/auth/users");
    const { createService, setServicePublished } = await import("@/lib/services/services");
    const { createServiceSchema } = await import("@/lib/services/schemas");
    const { grantEntitlement } = await import("@/lib/login/entitlements");
    const { generateLoginToken, hashLoginToken } = await import("@/lib/login/tokens");
    const { createId } = await import("@/lib/crypto/random");
    const { getDb } = await import("@/lib/db/client");
    const account = await createPartnerAccount({
      email: "bench@portico.test",
      password: "bench password 1234",
      name: "Bench",
      timeZone: TIME_ZONE,
      approve: true,
    });
    const apiToken = (await createApiToken({ partnerId: account.partnerId, name: "bench" })).token;
    const service = await createService({
      partnerId: account.partnerId,
      input: createServiceSchema.parse({ name: "Bench app", url: "https://bench-app.example.test/" }),
    });
    await setServicePublished({ id: service.id, published: true });
    const user = await createUser({ email: "ada@bench.test", password: "bench password 1234", role: "end_user" });
    await grantEntitlement({ email: "ada@bench.test", serviceId: service.id });

    // Tokens as launchService stores them (SHA-256 only), but with a 1-hour TTL: a run outlasts the 120-s launch TTL.
    const portico = new TokenPool("redemption", async (count) => {
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
      return tokens;
    });

    const floorPort = await getFreePort();
    floor = spawn(process.execPath, ["bench/login-floor-server.mjs"], {
      env: {
        ...process.env,
        PORT: String(floorPort),
        FLOOR_DB: path.join(dataDir, "floor.db"),
        FLOOR_API_TOKEN: apiToken,
        FLOOR_TIME_ZONE: TIME_ZONE,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => floor?.stdout?.once("data", () => resolve()));
    const floorUrl = `http://127.0.0.1:${floorPort}`;
    const floorPool = new TokenPool("floor_bare_node", async (count) => {
      const response = await fetch(`${floorUrl}/bench/mint?count=${count}`, { method: "POST" });
      if (!response.ok) throw new Error(`floor mint failed: ${response.status}`);
      return (await response.text()).split("\n");
    });

    const headers = { authorization: `Bearer ${apiToken}` };
    // Sanity: one redemption per target answers as the seed says before measuring anything.
    await portico.ensure(1);
    await floorPool.ensure(1);
    for (const [name, url, pool] of [
      ["redemption", server.baseUrl, portico],
      ["floor_bare_node", floorUrl, floorPool],
    ] as const) {
      const response = await fetch(`${url}/api/authorization/${pool.next()}`, { headers });
      const body = await response.json();
      if (response.status !== 200 || body.internal_email_address === undefined || !body.session_expires_at)
        throw new Error(`${name}: unexpected answer ${response.status} ${JSON.stringify(body)}`);
      console.log(`bench: ${name} answers ${JSON.stringify(body)}`);
    }

    const serverCpu = () => processTreeCpuMs(server.process.pid as number);
    const floorCpu = () => processTreeCpuMs(floor?.pid as number);
    type Target = {
      name: string;
      pool?: TokenPool;
      expectedRps: number;
      measure: (durationMs: number, warmupMs: number) => Promise<LoadResult>;
    };
    const all: Target[] = [
      {
        name: "ceiling_no_db_route",
        expectedRps: 0,
        measure: (d, w) =>
          runLoad({
            connections,
            durationMs: d,
            warmupMs: w,
            url: server.baseUrl,
            path: () => "/api/bench/sign",
            cpuOf: serverCpu,
          }),
      },
      {
        name: "redemption",
        pool: portico,
        expectedRps: 2_000,
        measure: (d, w) =>
          runLoad({
            connections,
            durationMs: d,
            warmupMs: w,
            url: server.baseUrl,
            path: () => `/api/authorization/${portico.next()}`,
            headers,
            cpuOf: serverCpu,
          }),
      },
      {
        name: "floor_bare_node",
        pool: floorPool,
        expectedRps: 3_000,
        measure: (d, w) =>
          runLoad({
            connections,
            durationMs: d,
            warmupMs: w,
            url: floorUrl,
            path: () => `/api/authorization/${floorPool.next()}`,
            headers,
            cpuOf: floorCpu,
          }),
      },
    ];
    const plan = all.filter(({ name }) => !only || only.includes(name));
    // Interleaved rounds (A B C A B C …): on a shared machine, background load then weighs on all three alike.
    const rounds: Record<string, LoadResult[]> = {};
    console.log(
      `bench: ${connections} connections, ${rounds_} interleaved rounds of ${durationMs / rounds_ / 1000} s each per target; load average ${loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")}`,
    );
    for (let round = 0; round < rounds_; round++) {
      for (const target of plan) {
        const roundMs = durationMs / rounds_;
        const roundWarmupMs = round === 0 ? warmupMs : 1_000;
        if (target.pool) {
          // Enough distinct tokens for the round at twice the best rate seen so far (closed loop: ≤ rate × time).
          // Before its first round, redemption is assumed no faster than the no-DB route just measured.
          const seen = rounds[target.name] ?? (target.name === "redemption" ? rounds.ceiling_no_db_route : undefined);
          const best = seen?.length ? Math.max(200, ...seen.map((r) => r.requests_per_second)) : target.expectedRps;
          await target.pool.ensure(Math.ceil((best * 2 * (roundMs + roundWarmupMs + 1_000)) / 1000) + connections);
        }
        const r = await target.measure(roundMs, roundWarmupMs);
        rounds[target.name] = [...(rounds[target.name] ?? []), r];
        console.log(
          `  round ${round + 1} ${target.name.padEnd(20)} ${r.requests_per_second} req/s   p50 ${r.p50_ms} ms   p99 ${r.p99_ms} ms   server CPU ${r.cpu_ms_per_request} ms/req   ${JSON.stringify(r.statuses)}`,
        );
      }
    }
    const results: Record<string, LoadResult> = {};
    for (const [name, list] of Object.entries(rounds)) {
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      results[name] = {
        requests_per_second:
          Math.round((list.reduce((sum, r) => sum + r.requests_per_second, 0) / list.length) * 10) / 10,
        p50_ms: median(list.map((r) => r.p50_ms)),
        p99_ms: Math.max(...list.map((r) => r.p99_ms)),
        ok: list.reduce((sum, r) => sum + r.ok, 0),
        failed: list.reduce((sum, r) => sum + r.failed, 0),
        statuses: {},
        cpu_ms_per_request: median(list.map((r) => r.cpu_ms_per_request ?? Number.NaN)),
      };
    }

    // Single use: every token handed out was redeemed at most once (one claim, one event per login), and a second
    // round of the same tokens is refused with 410 every time.
    console.log("");
    console.log("bench: checking single use (databases, then a second round of every used token)…");
    const singleUse: Record<string, Record<string, unknown>> = {};
    for (const [name, url, pool] of [
      ["redemption", server.baseUrl, portico],
      ["floor_bare_node", floorUrl, floorPool],
    ] as const) {
      if (!plan.some((target) => target.name === name)) continue;
      const used = pool.used;
      let stats: { redeemed: number; events: number; distinct_logins: number };
      if (name === "redemption") {
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
        stats.redeemed <= used.length &&
        replayed200 === 0 &&
        replayed410 === second.replayed &&
        pool.exhausted === 0;
      singleUse[name] = {
        tokens_used: used.length,
        redeemed: stats.redeemed,
        events: stats.events,
        distinct_logins: stats.distinct_logins,
        not_redeemed: used.length - stats.redeemed,
        replayed: second.replayed,
        replay_410: replayed410,
        replay_statuses: second.statuses,
        pool_exhausted: pool.exhausted,
        exactly_once: ok,
      };
      console.log(
        `${name.padEnd(20)} tokens used ${used.length}, redeemed ${stats.redeemed}, login.redeemed events ${stats.events} (${stats.distinct_logins} distinct logins); second round: ${replayed410}/${second.replayed} answered 410 ${JSON.stringify(second.statuses)} → ${ok ? "exactly one success per token" : "SINGLE USE VIOLATED OR INCOMPLETE"}`,
      );
    }

    console.log("");
    for (const [name, r] of Object.entries(results)) {
      console.log(
        `${name.padEnd(20)} ${r.requests_per_second} req/s   p50 ${r.p50_ms} ms   p99 ${r.p99_ms} ms (worst round)   CPU ${r.cpu_ms_per_request} ms/req (median)   failed ${r.failed}`,
      );
    }
    const ratio = (a?: LoadResult, b?: LoadResult) =>
      a && b ? Math.round((a.requests_per_second / b.requests_per_second) * 1000) / 1000 : null;
    const redemptionVsCeiling = ratio(results.redemption, results.ceiling_no_db_route);
    const redemptionVsFloor = ratio(results.redemption, results.floor_bare_node);
    // Capacity from CPU cost (req/s a dedicated core would sustain): robust when other jobs share the machine.
    const cpuRatio = (a?: LoadResult, b?: LoadResult) =>
      a?.cpu_ms_per_request && b?.cpu_ms_per_request
        ? Math.round((b.cpu_ms_per_request / a.cpu_ms_per_request) * 1000) / 1000
        : null;
    const cpuRedemptionVsCeiling = cpuRatio(results.redemption, results.ceiling_no_db_route);
    const cpuRedemptionVsFloor = cpuRatio(results.redemption, results.floor_bare_node);
    console.log(
      `load average at the end: ${loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")}`,
    );
    console.log(`redemption / no-DB route (target ≥ 0.70): ${redemptionVsCeiling}`);
    console.log(`redemption / bare floor:                  ${redemptionVsFloor}`);
    console.log(
      `CPU-cost ratios (same, from server CPU ms per request): ${cpuRedemptionVsCeiling} and ${cpuRedemptionVsFloor}`,
    );
    if (results.redemption) console.log(`redemption p99 (target < 100 ms):         ${results.redemption.p99_ms} ms`);
    const singleUseOk = Object.values(singleUse).every((entry) => entry.exactly_once === true);
    const summary = {
      connections,
      duration_ms: durationMs,
      rounds: rounds_,
      load_average: loadavg()[0],
      ...Object.fromEntries(
        Object.entries(results).map(([name, r]) => [
          name,
          {
            rps: r.requests_per_second,
            p50_ms: r.p50_ms,
            p99_ms: r.p99_ms,
            cpu_ms_per_request: r.cpu_ms_per_request,
            failed: r.failed,
          },
        ]),
      ),
      ratio_redemption_to_ceiling: redemptionVsCeiling,
      ratio_redemption_to_floor: redemptionVsFloor,
      cpu_ratio_redemption_to_ceiling: cpuRedemptionVsCeiling,
      cpu_ratio_redemption_to_floor: cpuRedemptionVsFloor,
      single_use: singleUse,
      single_use_ok: singleUseOk,
      target_met:
        redemptionVsCeiling !== null &&
        redemptionVsCeiling >= 0.7 &&
        (results.redemption?.p99_ms ?? Infinity) < 100 &&
        singleUseOk,
    };
    console.log(JSON.stringify(summary));
  } finally {
    const { getDb } = await import("@/lib/db/client");
    await getDb().$disconnect();
    floor?.kill("SIGTERM");
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
