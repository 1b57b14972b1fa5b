// Prisma CLI configuration. These machines cannot download Prisma's engine binaries, so the CLI runs in
// its "js" mode (WebAssembly schema engine + driver adapters). PORTICO_PRISMA_PROVIDER picks the schema.
import path from "node:path";
import { defineConfig } from "prisma/config";

const provider = process.env.PORTICO_PRISMA_PROVIDER === "postgresql" ? "postgresql" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  // Schema-to-schema diffs (the only commands Portico uses) need no real database; the URL is a fallback.
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (provider === "postgresql") {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({
        connectionString: url?.startsWith("postgres") ? url : "postgresql://postgres@127.0.0.1:5432/postgres",
      });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: url?.startsWith("file:") ? url : "file::memory:" });
  },
});
