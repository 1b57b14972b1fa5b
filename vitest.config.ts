import path from "node:path";
import { defineConfig } from "vitest/config";
import { createTestEnv } from "./tests/support/test-env.ts";

// The integration server and the test workers (whose factories write to the same database) share one env.
const env = createTestEnv();
const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], env },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          env,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // `npm run test:fuzz`: property-based requests against the built app (started like the integration suite's).
        resolve: { alias },
        test: {
          name: "fuzz",
          include: ["tests/fuzz/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          env,
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
      {
        // `npm run test:faults`: starts, kills and restarts its own Portico processes (one file at a time).
        resolve: { alias },
        test: {
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          globalSetup: ["tests/faults/global-setup.ts"],
          env,
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
      {
        // `npm run test:cluster` (PostgreSQL): several servers and a worker behind a load balancer, one killed.
        resolve: { alias },
        test: {
          name: "cluster",
          include: ["tests/cluster/**/*.test.ts"],
          globalSetup: ["tests/faults/global-setup.ts"],
          env,
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
      { test: { name: "sdk", include: ["sdk/tests/**/*.test.ts"] } },
    ],
  },
});
