// The sample partner app as an outside app has it: copied out of the repository into a temporary folder, with the SDK
// installed from its packed tarball. The caller starts `node server.mjs` there and removes the folder afterwards.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const repository = path.resolve(import.meta.dirname, "../..");

/** Returns the folder holding the installed sample app. */
export function installSamplePartnerApp(): string {
  const app = mkdtempSync(path.join(tmpdir(), "portico-sample-partner-"));
  for (const file of ["server.mjs", "package.json"]) {
    copyFileSync(path.join(repository, "examples/sample-partner", file), path.join(app, file));
  }
  const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8" });
  const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", app], path.join(repository, "sdk"))) as {
    filename: string;
  }[];
  npm(["install", "--offline", "--no-audit", "--no-fund", `./${packed?.filename}`], app);
  return app;
}
