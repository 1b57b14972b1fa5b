import { execFileSync } from "node:child_process";
import { defineConfig } from "@playwright/test";
// @ts-expect-error plain ESM helper without types
import { nextStartCommand } from "./scripts/lib/setup.mjs";
import { createTestEnv } from "./tests/support/test-env";

process.env.PORTICO_TEST_DB = "sqlite";
const env = createTestEnv();
// A free port unless PORTICO_E2E_PORT names one; kept in the environment so Playwright's workers (which load this file
// again) agree with the runner on it.
process.env.PORTICO_E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString();
const port = Number(process.env.PORTICO_E2E_PORT);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  timeout: 60_000,
  // Generous: argon2 hashing and server rendering slow down on a loaded 2-core machine.
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.PORTICO_CHROMIUM ?? "/usr/bin/chromium" },
  },
  webServer: {
    command: nextStartCommand({ port, host: "127.0.0.1" }).flat().join(" "),
    url: `${baseURL}/api/health`,
    env,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
  },
});
