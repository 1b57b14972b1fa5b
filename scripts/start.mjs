// `npm start`: install, prepare the database, build when sources changed, serve on PORT (default 3000).
// Migrations and the first admin account are handled by the server at start-up (instrumentation.ts).
import { spawn } from "node:child_process";
import { ensureBuild, ensureDependencies, nextStartCommand } from "./lib/setup.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
ensureDependencies();
ensureBuild();

const port = process.env.PORT ?? "3000";
console.log(`portico: serving on http://localhost:${port}`);
console.log("portico: sign in with the admin account printed below on first start, or create one with");
console.log("         npm run cli -- user:create --email you@example.com --password '…' --role admin\n");
const [command, args] = nextStartCommand({ port });
const server = spawn(command, args, { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
