// `npm run setup`: packs the SDK from ../../sdk (which builds it) and installs the tarball here, exactly as an app
// outside this repository installs a published package. Run it again after changing the SDK.
import { execFileSync } from "node:child_process";
import path from "node:path";

const here = import.meta.dirname;
const sdk = path.resolve(here, "../../sdk");
const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", here], sdk));
npm(["install", "--no-save", "--offline", "--no-audit", "--no-fund", `./${packed.filename}`], here);
console.log(`sample-partner: installed ${packed.filename}`);
