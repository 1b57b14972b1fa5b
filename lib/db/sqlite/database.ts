// SQLite: Prisma's client on the serialised better-sqlite3 adapter, and the hot paths as synchronous better-sqlite3
// work with cached prepared statements on that same connection.
import { PrismaClient } from "@/lib/generated/sqlite/client";
import type { Database } from "../client";
import { createSqliteHotPaths } from "./hot-paths";
import { createSerializedSqliteAdapter } from "./serialized-adapter";

export function createSqliteDatabase(options: { url: string }): Database {
  const sqlite = createSerializedSqliteAdapter({ url: options.url, timeout: 10_000 });
  const client = new PrismaClient({ adapter: sqlite.adapterFactory });
  const hotPaths = createSqliteHotPaths({ runDirect: (work) => sqlite.runDirect(work, () => client.$connect()) });
  return { client, hotPaths, close: () => client.$disconnect() };
}
