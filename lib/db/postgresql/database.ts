// PostgreSQL: one node-postgres pool per database, under Prisma's adapter and under the rate limiter's store.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/postgresql/client";
import type { Database, Db } from "../client";
import { createPostgresHotPaths } from "./hot-paths";

export function createPostgresDatabase(options: { connectionString: string }): Database {
  // Idle, the pool does not keep the process alive ($disconnect leaves an external pool open).
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 10, allowExitOnIdle: true });
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  // The one place the PostgreSQL client is declared to be the common type (see Db): same schema, same model API.
  return {
    client: client as unknown as Db,
    hotPaths: createPostgresHotPaths({ client, pool }),
    close: async () => {
      await client.$disconnect();
      await pool.end();
    },
  };
}
