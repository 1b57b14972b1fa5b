// `npm run docs:config`: rewrites docs/configuration.md from lib/config.ts (see scripts/lib/configuration-doc.ts).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { CONFIGURATION_DOC_PATH, renderConfigurationDoc } from "./lib/configuration-doc";

writeFileSync(path.resolve(import.meta.dirname, "..", CONFIGURATION_DOC_PATH), renderConfigurationDoc());
console.log(`docs:config: wrote ${CONFIGURATION_DOC_PATH}`);
