import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, ConfigError, describeConfiguration, parseConfig, readWebConcurrency } from "@/lib/config";

const fresh = () => mkdtempSync(path.join(tmpdir(), "portico-config-"));

describe("configuration", () => {
  it("works with no configuration: SQLite under the data folder, secrets generated once", () => {
    const dataDir = fresh();
    const first = parseConfig({ PORTICO_DATA_DIR: dataDir });
    expect(first.databaseProvider).toBe("sqlite");
    expect(first.databaseUrl).toBe(`file:${path.join(dataDir, "portico.db")}`);
    expect(first.encryptionKey).toHaveLength(32);
    expect(first.port).toBe(3000);
    expect(first.trustedProxyHops).toBe(0); // no proxy assumed: per-IP limits key on the socket address
    const second = parseConfig({ PORTICO_DATA_DIR: dataDir });
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect(statSync(path.join(dataDir, "secrets.json")).mode & 0o077).toBe(0);
  });

  it("takes secrets from the environment when given", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    const config = parseConfig({
      PORTICO_DATA_DIR: fresh(),
      AUTH_SECRET: "x".repeat(40),
      PORTICO_ENCRYPTION_KEY: key,
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/portico",
      PORTICO_ALLOW_PRIVATE_TARGETS: "true",
    });
    expect(config.databaseProvider).toBe("postgresql");
    expect(config.encryptionKey.toString("base64")).toBe(key);
    expect(config.authSecret).toBe("x".repeat(40));
    expect(config.allowPrivateTargets).toBe(true);
  });

  it.each([
    ["PORT", { PORT: "eighty" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://root@localhost/db" }],
    ["PORTICO_ENCRYPTION_KEY", { PORTICO_ENCRYPTION_KEY: "c2hvcnQ=" }],
    ["PORTICO_ALLOW_PRIVATE_TARGETS", { PORTICO_ALLOW_PRIVATE_TARGETS: "yes please" }],
  ])("fails with a message naming %s", (name, env) => {
    expect(() => parseConfig({ PORTICO_DATA_DIR: fresh(), ...env })).toThrow(ConfigError);
    expect(() => parseConfig({ PORTICO_DATA_DIR: fresh(), ...env })).toThrow(name);
  });

  it("keeps the generated secrets file private", () => {
    const dataDir = fresh();
    parseConfig({ PORTICO_DATA_DIR: dataDir });
    expect(JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8"))).toHaveProperty("encryption_key");
  });

  it.each([
    ["PORTICO_CERTIFY_LIMIT_PER_IP", { PORTICO_CERTIFY_LIMIT_PER_IP: "many" }],
    ["PORTICO_WEBHOOK_RETRY_SCHEDULE", { PORTICO_WEBHOOK_RETRY_SCHEDULE: "5,soon" }],
    ["PORTICO_CHECK_LEASE_SECONDS", { PORTICO_CHECK_LEASE_SECONDS: "0" }],
    ["PORTICO_SQLITE_SYNCHRONOUS", { PORTICO_SQLITE_SYNCHRONOUS: "sometimes" }],
    ["PORTICO_WEB_CONCURRENCY", { PORTICO_WEB_CONCURRENCY: "0" }],
  ])("fails at parse time, not at first use, with a message naming %s", (name, env) => {
    expect(() => parseConfig({ PORTICO_DATA_DIR: fresh(), ...env })).toThrow(name);
  });

  it("gives npm start's launcher the number of server processes by the table's rule: one per core when unset", () => {
    expect(readWebConcurrency({})).toBe(availableParallelism());
    expect(readWebConcurrency({ PORTICO_WEB_CONCURRENCY: "" })).toBe(availableParallelism());
    expect(readWebConcurrency({ PORTICO_WEB_CONCURRENCY: "3" })).toBe(3);
    expect(() => readWebConcurrency({ PORTICO_WEB_CONCURRENCY: "two" })).toThrow(/PORTICO_WEB_CONCURRENCY/);
    expect(() => readWebConcurrency({ PORTICO_WEB_CONCURRENCY: "1000" })).toThrow(ConfigError);
  });

  it("describes every variable with its name, default and description, for docs/configuration.md", () => {
    const entries = describeConfiguration();
    expect(entries.map((entry) => entry.name)).toEqual(Object.keys(CONFIG_VARIABLES));
    for (const entry of entries) expect(entry.description.length, entry.name).toBeGreaterThan(10);
    expect(entries.find((entry) => entry.name === "PORTICO_CERTIFY_LIMIT_PER_SERVICE")?.default).toBe("600");
  });
});
