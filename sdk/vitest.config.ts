import { defineConfig } from "vitest/config";

// `npm test` from sdk/. Portico's root config runs the same files as its `sdk` project.
export default defineConfig({
  test: { include: ["tests/**/*.test.ts"], testTimeout: 120_000 },
});
