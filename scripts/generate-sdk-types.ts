// `npm run sdk:generate`: rewrites sdk/src/generated/ from the current route schemas (see scripts/lib/sdk-types.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderSdkTypes } from "./lib/sdk-types";

const root = path.resolve(import.meta.dirname, "..");
for (const [file, content] of Object.entries(await renderSdkTypes())) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
  console.log(`sdk:generate: wrote ${file}`);
}
