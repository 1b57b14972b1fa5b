// The API reference's renderer (Scalar's standalone browser bundle, from the @scalar/api-reference package) served
// from Portico's own origin: /docs/api works without any CDN, and the page's Content-Security-Policy needs no other
// host. Read once per process; the URL carries the package version, so browsers may cache it for good.
import { readFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";

const PACKAGE_DIR = ["node_modules", "@scalar", "api-reference"];

export interface ReferenceBundle {
  /** The script's text (about 5 MB; Next compresses it on the way out). */
  body: string;
  version: string;
}

let loaded: ReferenceBundle | undefined;

/** The bundle and its version; a missing package (an install without it) is a clean 404, not a crash. */
export function readApiReferenceBundle(): ReferenceBundle {
  if (loaded) return loaded;
  const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), ...PACKAGE_DIR);
  try {
    const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
    // Without its last line, the `sourceMappingURL` comment: the map is not served, so devtools must not ask for it.
    const body = readFileSync(path.join(dir, "dist", "browser", "standalone.js"), "utf8").replace(
      /\n\/\/# sourceMappingURL=\S+\s*$/,
      "\n",
    );
    loaded = { body, version };
    return loaded;
  } catch (error) {
    throw new AppError("not_found", `The API reference renderer is not installed (${(error as Error).message}).`);
  }
}

/** Where the page loads the bundle from: versioned, so a new package version is never served from an old cache. */
export function apiReferenceBundleUrl(): string {
  return `/docs/api/scalar.js?v=${encodeURIComponent(readApiReferenceBundle().version)}`;
}
