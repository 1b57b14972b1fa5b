import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { createTestEnv } from "./test-env";

const run = promisify(execFile);

/** Runs `npm run cli -- …` (tsx scripts/cli.ts) with the test run's environment; never throws. */
export async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node_modules/.bin/tsx", ["scripts/cli.ts", ...args], { env: process.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** What `partner:create` prints (docs/cli.md). */
export interface CreatedPartner {
  partner_id: string;
  customer_id: string;
  api_token: string;
}

/**
 * Runs `npm run cli -- …` synchronously with the test run's environment (e2e set-up, where the browser tests cannot
 * reach lib/ directly) and returns the JSON object it printed; throws when the command fails.
 */
export function runCliJson<T extends object = Record<string, unknown>>(...args: string[]): T {
  const output = execFileSync("node_modules/.bin/tsx", ["scripts/cli.ts", ...args], {
    env: { ...process.env, ...createTestEnv() },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  return JSON.parse(output.slice(output.indexOf("{"))) as T;
}

/** An approved partner and its owner, made by `partner:create` as an operator would. */
export function createPartnerWithCli(options: {
  email: string;
  name: string;
  password: string;
  timeZone?: string;
}): CreatedPartner {
  const timeZone = options.timeZone ? ["--time-zone", options.timeZone] : [];
  return runCliJson<CreatedPartner>(
    "partner:create",
    ...["--email", options.email, "--name", options.name, "--password", options.password, "--approve", ...timeZone],
  );
}
