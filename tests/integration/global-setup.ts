import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase } from "../support/postgres";
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
    if (getTestDatabase() === "postgresql") await dropDatabase(env.DATABASE_URL);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
