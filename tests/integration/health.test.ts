// Issue 13 item 5: readiness tells whether the database accepts writes; a database that refuses writes keeps
// authenticated reads working (authentication writes nothing in the request path).

import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runCli } from "../support/cli";
import { createDatabase, dropDatabase } from "../support/postgres";
import { type RunningServer, startPortico } from "../support/server";
import { createTestEnv, getTestDatabase } from "../support/test-env";

describe("GET /api/health/ready", () => {
  it("answers 200 JSON while the database accepts a write; /api/health stays liveness", async () => {
    const ready = await fetch(`${inject("baseUrl")}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
    expect((await fetch(`${inject("baseUrl")}/api/health`)).status).toBe(200);
  });
});

describe.runIf(getTestDatabase() === "postgresql")("a PostgreSQL database that refuses writes", () => {
  let server: RunningServer | undefined;
  const env = createTestEnv();
  const url = new URL(env.DATABASE_URL);
  url.pathname = `${url.pathname}_readonly`;
  const databaseUrl = url.toString();
  const database = url.pathname.slice(1);
  afterAll(async () => {
    await server?.stop();
    await dropDatabase(databaseUrl);
  });

  it("keeps authenticated GETs working, readiness says 503 JSON, liveness 200", async () => {
    await createDatabase(databaseUrl);
    server = await startPortico({
      env: { ...env, DATABASE_URL: databaseUrl, PORTICO_DISABLE_SCHEDULER: "1", PORTICO_DISABLE_WORKERS: "1" },
    });
    const cli = await runCliOn(
      databaseUrl,
      "partner:create",
      "--email",
      "ro@example.test",
      "--name",
      "RO",
      "--approve",
    );
    const { api_token: apiToken } = JSON.parse(cli.stdout) as { api_token: string };

    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${database}" SET default_transaction_read_only = on`);
      // Portico's open connections keep their old setting: cut them, it reconnects with the new one.
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [database],
      );
    } finally {
      await admin.end();
    }

    const get = (path: string) =>
      fetch(`${server?.baseUrl}${path}`, { headers: { authorization: `Bearer ${apiToken}` } });
    // The first request after the cut may meet a dead pooled connection; it must not be a write refusal.
    let services = await get("/api/v1/services");
    for (let tries = 0; services.status >= 500 && tries < 5; tries++) services = await get("/api/v1/services");
    expect(services.status).toBe(200);
    expect((await get("/api/v1/services")).status).toBe(200);

    const ready = await fetch(`${server.baseUrl}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
  }, 120_000);
});

function runCliOn(databaseUrl: string, ...args: string[]) {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    return runCli(...args);
  } finally {
    process.env.DATABASE_URL = previous;
  }
}
