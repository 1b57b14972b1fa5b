// postinstall: generate the Prisma client for both providers (offline: engine "js", see prisma.config.ts).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("node_modules/.bin/prisma")) process.exit(0);
for (const provider of ["sqlite", "postgresql"]) {
  execFileSync("node_modules/.bin/prisma", ["generate"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORTICO_PRISMA_PROVIDER: provider, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
console.log("portico: generated Prisma clients (sqlite, postgresql)");
