// `npm run serve`: the current build served as `npm start` serves it (PORTICO_WEB_CONCURRENCY processes on PORT,
// signals passed on, see scripts/lib/serve.mjs), without the install, migrate and build phases: for images that ship
// a built app (servers still apply pending migrations at start-up). `--host <address>` listens on that address only.
import { serveBuild } from "./lib/serve.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const hostIndex = process.argv.indexOf("--host");
await serveBuild({
  port: process.env.PORT ?? "3000",
  host: hostIndex === -1 ? undefined : process.argv[hostIndex + 1],
});
