import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";

function buildVersion() {
  try {
    return execSync("git rev-parse HEAD", { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).version;
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets several builds of one checkout coexist (parallel development and benchmarks).
  distDir: process.env.PORTICO_DIST_DIR ?? ".next",
  poweredByHeader: false,
  env: { PORTICO_BUILD_VERSION: buildVersion() },
  serverExternalPackages: ["@node-rs/argon2", "prom-client"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      // A launch redirect carries a one-time token in the URL: it must not leak through the Referer header (OWASP).
      // Later entries win, so this overrides the site-wide policy above.
      { source: "/launch/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

export default nextConfig;
