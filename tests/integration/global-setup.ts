import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase } from "../support/postgres";
import { readRecordedSecrets } from "../support/secrets-ledger";
import { type RunningServer, startPortico } from "../support/server";
import { createTestEnv, getTestDatabase } from "../support/test-env";

let server: RunningServer | undefined;

export async function setup(project: TestProject) {
  const env = createTestEnv();
  if (getTestDatabase() === "postgresql") await createDatabase(env.DATABASE_URL);
  server = await startPortico({ env });
  project.provide("baseUrl", server.baseUrl);
  return async () => {
    await server?.stop();
    const leaked = findLeakedSecrets(server?.output() ?? "", readRecordedSecrets(env.PORTICO_DATA_DIR));
    if (getTestDatabase() === "postgresql") await dropDatabase(env.DATABASE_URL);
    rmSync(env.PORTICO_DATA_DIR, { recursive: true, force: true });
    if (leaked.length)
      throw new Error(`the server's logs hold ${leaked.length} secrets the tests created:\n${leaked.join("\n")}`);
  };
}

/** Secrets the tests created (see tests/support/secrets-ledger.ts) that appear in the server's output. */
function findLeakedSecrets(logs: string, secrets: string[]): string[] {
  return secrets.filter((secret) => logs.includes(secret)).map((secret) => `${secret.slice(0, 6)}…`);
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
